"""`cleanwire learn`: an outlet's rule file written from a corpus of its pages.

Three passes over the pages, each streaming: count how many pages hold each line
shape (``sketch``), gather what the frequent shapes look like and where they sit
(``evidence``), then run the candidate rules over the pages to check them and to
measure their support (``verify``). Rules are data: nothing here knows an outlet.
"""
