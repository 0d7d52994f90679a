"""Figures from school records: the measures that turn record tables into a submission.

`spec` (the records file: sources and measures, validated with file:line messages),
`tables` (record files → validated, typed tables), `sql` (measures → SQL, per dialect),
`engines` (DuckDB embedded, Apache Spark), `compute` (tables × measures → figures and the
long-layout submission), `reconcile` (submitted beside computed, and the records behind a
shortfall). DuckDB and PySpark are optional extras, imported only by these commands.
"""
