"""Documents being built at the till, headless: each draft takes scans and answers steps.

A draft holds one document being built (a sale, a goods-in invoice, a customer return, a
count), takes a ``Scan`` with its source, answers with a step value (added, ask for a serial
number, refused with the rule, choose a unit, serial entry ended…) and posts its command
through the core's services. It reaches the database only through ``core.ports.Ledger``.
``decide`` only reads and rehearses; ``apply`` changes the draft; ``take`` does both. The
app runs ``decide`` in a worker and ``apply`` on the UI thread; the command line and tests
call ``take``. A repair, a kit or a transfer follows the same shape.
"""
