"""Dialogs of the studio: the CSV import dialog (``csv_import``) and its parts.

Dialogs never import the main window or the training worker; the main window opens them and reads their results.
"""

from studio.dialogs.csv_import import CsvImportDialog, supported_file

__all__ = ["CsvImportDialog", "supported_file"]
