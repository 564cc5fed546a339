"""The kit's command line: ``counselling <groupe> <commande>`` (or ``python -m counselling``).

Each group of commands is a module listed in :data:`COMMANDS`; the module
defines ``register(subparsers)``, which adds its parser with
``subparsers.add_parser(...)`` and sets ``func`` (a function of the parsed
arguments returning the exit status) with ``set_defaults``. To add a group
(``counselling report …``), write ``counselling/commands/report.py`` and add
its name here.

Texts and errors are in French; a :class:`~counselling.errors.CounsellingError`
is printed as its message (« Erreur : … ») with exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys

from .errors import CounsellingError

COMMANDS: tuple[str, ...] = (
    "counselling.commands.dossiers",
    "counselling.commands.report",
)

_ARGPARSE_FR = (
    (r"the following arguments are required: (.*)", r"il manque : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"\1 : choix inconnu \2 (choisir parmi \3)"),
    (r"argument (\S+): expected one argument", r"\1 : une valeur est attendue"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"\1 : valeur invalide \3"),
)


class FrenchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="Utilisation : " if prefix is None else prefix)


class FrenchParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own texts are in French."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="afficher cette aide et quitter")

    def error(self, message: str):
        for pattern, french in _ARGPARSE_FR:
            message = re.sub(pattern, french, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n"
                     f"(« {self.prog} --help » pour l'aide)\n")


def build_parser() -> FrenchParser:
    """The parser of every command group of :data:`COMMANDS`."""
    parser = FrenchParser(
        prog="counselling",
        description="Trousse du conseiller : commandes d'administration.",
        epilog="La base utilisée est celle de la variable COUNSELLING_DB (chemin d'un fichier "
               "ou adresse postgresql+psycopg://…), sinon le fichier du dossier de données de l'utilisateur.")
    groups = parser.add_subparsers(title="commandes", metavar="COMMANDE", dest="command")
    groups.required = True
    for name in COMMANDS:
        importlib.import_module(name).register(groups)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``counselling`` console script. Returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CounsellingError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompu : rien d'autre n'a été fait.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
