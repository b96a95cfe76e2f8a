"""Child process of the CLI benchmark, the peer: Python openpyxl (read-only mode) reading columns
C:D (item codes and values) of every sheet of every .xlsx file of a folder, keeping nothing.
Prints files and cells read as JSON."""
import json
import os
import sys

import openpyxl

folder = sys.argv[1]
files = cells = 0
for name in sorted(os.listdir(folder)):
    if not name.lower().endswith(".xlsx"):
        continue
    wb = openpyxl.load_workbook(os.path.join(folder, name), read_only=True, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_col=3, max_col=4, values_only=True):
            cells += sum(1 for v in row if v is not None)
    wb.close()
    files += 1
print(json.dumps({"files": files, "cells": cells}))
