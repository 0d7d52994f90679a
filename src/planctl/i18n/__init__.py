"""What planctl says to people: the message catalog and its stable codes."""
