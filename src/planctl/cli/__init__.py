"""The command line: options in, the core called, output written, an exit code out."""
