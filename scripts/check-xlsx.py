#!/usr/bin/env python3
"""Opens a workbook written by `nianbao report` with openpyxl (pip install openpyxl) and checks what a
spreadsheet user relies on: every sheet readable, a bold header row frozen at the top, numbers stored as
numbers (shares shown as percentages, dates as dates), and the same rows as the CSV file of the same name beside it.
When LibreOffice is installed (soffice), the workbook is also converted by it, sheet by sheet, and each sheet
compared with its CSV.
Usage: scripts/check-xlsx.py Reports/nianbao.xlsx"""
import csv, datetime, os, shutil, subprocess, sys, tempfile, warnings

import openpyxl

path = sys.argv[1] if len(sys.argv) > 1 else "Reports/nianbao.xlsx"
warnings.simplefilter("error")  # a workbook openpyxl has to repair is a failure
book = openpyxl.load_workbook(path)
folder = os.path.dirname(path)
problems = []
for ws in book.worksheets:
    header = [c.value for c in ws[1]]
    if ws.freeze_panes != "A2":
        problems.append(f"{ws.title}: header not frozen ({ws.freeze_panes})")
    if not all(c.font.b for c in ws[1]):
        problems.append(f"{ws.title}: header not bold")
    with open(os.path.join(folder, ws.title + ".csv"), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != header:
        problems.append(f"{ws.title}: header differs from the CSV")
    if ws.max_row != len(rows) and not (ws.max_row == 1 and len(rows) == 1):
        problems.append(f"{ws.title}: {ws.max_row} rows, CSV {len(rows)}")
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        for value, text in zip(row, rows[r - 1]):
            if isinstance(value, datetime.datetime):   # a date cell: the CSV's YYYY-MM-DD
                if value.strftime("%Y-%m-%d") != text:
                    problems.append(f"{ws.title} row {r}: {value:%Y-%m-%d} != {text}")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                if float(text) != float(value):
                    problems.append(f"{ws.title} row {r}: {value} != {text}")
            elif (value or "") != (text[1:] if text.startswith("'") and text[1:2] in "=+-@" else text):
                problems.append(f"{ws.title} row {r}: {value!r} != {text!r}")
checked = "openpyxl"
soffice = shutil.which("soffice") or shutil.which("libreoffice")
if soffice:
    out = tempfile.mkdtemp()
    subprocess.run([soffice, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", out, path], check=True, capture_output=True, timeout=300)
    stem = os.path.splitext(os.path.basename(path))[0]
    for ws in book.worksheets:
        converted = os.path.join(out, f"{stem}-{ws.title}.csv")
        if not os.path.exists(converted):
            problems.append(f"{ws.title}: LibreOffice wrote no sheet")
            continue
        with open(converted, encoding="utf-8", newline="") as f:
            lo_rows = list(csv.reader(f))
        with open(os.path.join(folder, ws.title + ".csv"), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        if len(lo_rows) != len(rows) or lo_rows[:1] != rows[:1]:
            problems.append(f"{ws.title}: LibreOffice reads {len(lo_rows)} rows, the CSV has {len(rows)}")
    shutil.rmtree(out)
    checked += " and LibreOffice"
print(f"{path}: {len(book.worksheets)} sheets, read by {checked}:", "OK" if not problems else "")
for p in problems[:20]:
    print("  " + p)
sys.exit(1 if problems else 0)
