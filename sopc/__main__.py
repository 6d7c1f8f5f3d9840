"""`python -m sopc` runs the command line."""

from sopc.cli import main

main()
