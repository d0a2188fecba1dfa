"""`python -m scorer` runs the command line."""

from scorer.cli import main

main()
