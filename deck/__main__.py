"""``python -m deck`` runs the command line."""

from deck.cli import main

main()
