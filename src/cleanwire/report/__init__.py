"""What a run says about each document: the record, run totals, the report file and its formats."""
