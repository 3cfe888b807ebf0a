#!/usr/bin/env python3
"""Finds user-visible text in the widgets code that does not go through tr() or translate().

A string literal (bare, QStringLiteral, QLatin1String, QString::fromLatin1/fromUtf8, u"..."_s) passed
straight as the text argument of a user-visible setter or constructor is a hit: setText, setWindowTitle,
setToolTip, setPlaceholderText, setStatusTip, setWhatsThis, setAccessibleName/Description, setTitle,
setTitleText, setLabelText, setSuffix, setPrefix, setName (chart series), setDetail, setTabText, addTab,
insertTab, addAction, addMenu, addItem, addItems, addRow, setHorizontalHeaderLabels, setVerticalHeaderLabels
(and makeTable's header list: every literal in the braces),
new QLabel/QPushButton/QCheckBox/QRadioButton/QGroupBox/QAction/QMenu/QToolButton/KpiCard(...),
QMessageBox::information/warning/critical/question/about (title and text), a QMessageBox's constructor,
QFileDialog's captions and filters, and Q_EMIT of a signal named for a title, text or message. A literal with no letter in it ("%", " · ", "#%1") is not text.
A statement whose line ends in the comment  // tr-lint: not text  is left out (say why before it).

usage: check-tr.py [--summary] PATH...
  PATH            files, or folders searched for *.cpp and *.h
  --summary       one line per file with its number of hits, instead of each hit
  --markers       the lint's own test: each PATH's hits must be exactly its lines marked  // HIT
Exit 0 when no file has a hit, 1 otherwise, 2 on bad usage.
"""
import argparse
import os
import re
import sys

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# A literal as the code writes it; group "text" is its content.
LITERAL = (r'(?:QStringLiteral\(|QLatin1String\(|QLatin1StringView\(|QString::fromLatin1\(|QString::fromUtf8\('
           r'|QString\()?\s*u?8?"(?P<text>(?:[^"\\\n]|\\.)*)"')
# One argument before the text: anything with balanced parentheses, such as style()->standardIcon(...).
ARG = r'(?:[^,()]|\((?:[^()]|\([^()]*\))*\))+'
SETTERS = ('setText|setWindowTitle|setToolTip|setPlaceholderText|setStatusTip|setWhatsThis|setAccessibleName'
           '|setAccessibleDescription|setTitle|setTitleText|setLabelText|setSuffix|setPrefix|setName|setDetail'
           '|setWindowIconText|setSpecialValueText|showMessage')
WIDGETS = 'QLabel|QPushButton|QCheckBox|QRadioButton|QGroupBox|QAction|QMenu|QToolButton|QCommandLinkButton|KpiCard'
PATTERNS = [
    # obj->setText("..."), obj.setToolTip(QStringLiteral("..."))
    r'(?:->|\.)\s*(?P<call>' + SETTERS + r')\s*\(\s*' + LITERAL,
    # the text is the first argument
    r'(?:->|\.)\s*(?P<call>addAction|addMenu|addItem|addItems|addRow)\s*\(\s*\{?\s*' + LITERAL,
    # the text is the second argument
    r'(?:->|\.)\s*(?P<call>addTab|setTabText|setTabToolTip|addAction|addMenu)\s*\(\s*' + ARG + r',\s*' + LITERAL,
    r'(?:->|\.)\s*(?P<call>insertTab|addTab)\s*\(\s*' + ARG + r',\s*' + ARG + r',\s*' + LITERAL,
    # new QLabel("..."), QPushButton button(QStringLiteral("..."))
    r'(?P<call>\b(?:' + WIDGETS + r'))\s*(?:\w+\s*)?[({]\s*' + LITERAL,
    r'(?P<call>\b(?:QAction|QPushButton|QToolButton))\s*(?:\w+\s*)?[({]\s*' + ARG + r',\s*' + LITERAL,
    # static message boxes: the title, then the text
    r'(?P<call>QMessageBox::(?:information|warning|critical|question|about))\s*\(\s*[^,]+,\s*' + LITERAL,
    r'(?P<call>QMessageBox::(?:information|warning|critical|question|about))\s*\(\s*[^,]+,\s*[^,]+,\s*' + LITERAL,
    # QMessageBox box(QMessageBox::Warning, "title", "text", ...)
    r'(?P<call>QMessageBox)\s+\w+\s*\(\s*QMessageBox::\w+\s*,\s*' + LITERAL,
    r'(?P<call>QMessageBox)\s+\w+\s*\(\s*QMessageBox::\w+\s*,\s*[^,]+,\s*' + LITERAL,
    # a signal that carries a title or text to a label elsewhere: Q_EMIT titleChanged("...")
    r'Q_EMIT\s+(?P<call>\w*(?:[tT]itle|[tT]ext|[mM]essage)\w*)\s*\(\s*' + LITERAL,
    # QFileDialog::getSaveFileName(parent, "caption", dir, "filter")
    r'(?P<call>QFileDialog::get\w+)\s*\(\s*[^,]+,\s*' + LITERAL,
    r'(?P<call>QFileDialog::get\w+)\s*\(\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*' + LITERAL,
]
COMPILED = [re.compile(p, re.S) for p in PATTERNS]
# Lists of texts: every literal in the braces (makeTable({...}) builds header labels too).
LISTS = re.compile(r'(?P<call>setHorizontalHeaderLabels|setVerticalHeaderLabels|setHeaderLabels|makeTable|addItems)'
                   r'\s*\(\s*\{(?P<body>[^}]*)\}', re.S)
IN_LIST = re.compile(LITERAL, re.S)
# What may stand right before a literal that is translated after all.
TRANSLATED = re.compile(r'(?:\btr|QT_TR_NOOP|QT_TRANSLATE_NOOP\([^,()]*,|translate\([^,()]*,)\s*\(?\s*$')
EXEMPT = '// tr-lint: not text'


def sources(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                for name in sorted(names):
                    if name.endswith(('.cpp', '.h')):
                        yield os.path.join(root, name)
        else:
            yield path


def hits(path):
    text = open(path, encoding='utf-8', errors='replace').read()
    lines = text.split('\n')
    found = set()

    def note(call, start, literal):
        line = text.count('\n', 0, start) + 1
        before = text[max(0, start - 80):start - 1]
        end = text.find(';', start)
        last = text.count('\n', 0, end) + 1 if end >= 0 else line
        exempt = any(lines[i].rstrip().endswith(EXEMPT) for i in range(line - 1, last))
        if not re.search(r'[A-Za-z]', literal) or exempt or TRANSLATED.search(before):
            return
        found.add((line, call, literal))

    for pattern in COMPILED:
        for m in pattern.finditer(text):
            note(m.group('call'), m.start('text'), m.group('text'))
    for m in LISTS.finditer(text):
        for item in IN_LIST.finditer(m.group('body')):
            note(m.group('call'), m.start('body') + item.start('text'), item.group('text'))
    return sorted(found)


def check_markers(paths):
    failed = False
    for path in sources(paths):
        lines = open(path, encoding='utf-8').read().split('\n')
        marked = {i + 1 for i, line in enumerate(lines) if line.rstrip().endswith('// HIT')}
        found = {line for line, _, _ in hits(path)}
        for line in sorted(marked - found):
            print(f'{path}:{line}: marked but not found: {lines[line - 1].strip()}')
        for line in sorted(found - marked):
            print(f'{path}:{line}: found but not marked: {lines[line - 1].strip()}')
        failed = failed or marked != found
        print(f'{path}: {len(found & marked)} of {len(marked)} marked hits found, {len(found - marked)} others')
    return 1 if failed else 0


def relative(path):
    return os.path.relpath(os.path.abspath(path), SOURCE)


def main():
    parser = argparse.ArgumentParser(add_help=True)
    parser.add_argument('paths', nargs='+')
    parser.add_argument('--summary', action='store_true')
    parser.add_argument('--markers', action='store_true')
    args = parser.parse_args()
    if args.markers:
        return check_markers(args.paths)
    failed = False
    for path in sources(args.paths):
        rel = relative(path)
        found = hits(path)
        if not found:
            continue
        failed = True
        if args.summary:
            print(f'{rel}: {len(found)}')
            continue
        for line, call, literal in found:
            print(f'{rel}:{line}: {call}("{literal[:60]}") without tr()')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
