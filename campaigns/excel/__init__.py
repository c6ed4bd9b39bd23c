"""Excel in and out: readers that take office files as they really are, all-or-nothing importers of the
organisation, indicator data, ratings and initiatives, and exporters of every table the office reports.

openpyxl is imported lazily inside the functions that need it, so importing this package costs nothing."""
