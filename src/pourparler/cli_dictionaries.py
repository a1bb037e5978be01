"""PETRARCH/TABARI dictionaries on the command line: the coding options and
``pourparler dictionaries convert``.

The options (``--agents``, ``--verbs``, ``--discards``, ``--no-builtin``) are shared by the
commands that code; ``--actors`` already takes PETRARCH actor files (told by content).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any

import typer

from pourparler.cli_common import EXIT_USAGE, say
from pourparler.errors import PourparlerError

__all__ = ["AgentsOpt", "DiscardsOpt", "NoBuiltinOpt", "VerbsOpt", "dictionary_options",
           "register"]

log = logging.getLogger("pourparler.cli")

_PANEL = "Dictionaries (PETRARCH/TABARI)"
_FILE = {"exists": True, "dir_okay": False, "readable": True, "rich_help_panel": _PANEL}
AgentsOpt = Annotated[list[Path] | None, typer.Option(
    "--agents", help="Agent file (PETRARCH format or our YAML); repeatable.", **_FILE)]
VerbsOpt = Annotated[list[Path] | None, typer.Option(
    "--verbs", help="PETRARCH/TABARI verb dictionary; repeatable.", **_FILE)]
DiscardsOpt = Annotated[list[Path] | None, typer.Option(
    "--discards", help="PETRARCH discard list; repeatable.", **_FILE)]
NoBuiltinOpt = Annotated[bool, typer.Option(
    "--no-builtin", help="Code with the given dictionaries alone (no built-in actors or "
    "lexicon), as PETRARCH does.", rich_help_panel=_PANEL)]


def dictionary_options(agents: list[Path] | None, verbs: list[Path] | None,
                       discards: list[Path] | None, no_builtin: bool,
                       actors: list[Path] | None = None) -> dict[str, Any]:
    """CoderOptions fields for the dictionary options, the files read once here: a file
    that cannot be read is a usage error; lines that cannot be used are counted on stderr."""
    # the files are read (and their bad lines reported) once here and in --actors' check:
    # the coder's worker processes read them again quietly
    fields: dict[str, Any] = {
        "agent_files": tuple(agents or ()), "verb_files": tuple(verbs or ()),
        "discard_files": tuple(discards or ()), "no_builtin": no_builtin,
        "warn_dictionaries": False,
    }
    if not (agents or verbs or discards or no_builtin):
        return fields
    if no_builtin and not (verbs or actors):
        say("--no-builtin", "give the dictionaries to code with (--verbs and --actors)")
        raise typer.Exit(EXIT_USAGE)
    from pourparler.dictionaries._load import load_dictionaries
    from pourparler.options import CoderOptions

    try:
        # actor files were checked (and their lines reported) with --actors already
        d = load_dictionaries(CoderOptions(**{**fields, "warn_dictionaries": True}))
    except PourparlerError as exc:
        log.debug("bad dictionary", exc_info=True)
        say("dictionaries", str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    by_file: dict[str, int] = {}
    for p in d.problems:
        by_file[p.path] = by_file.get(p.path, 0) + 1
    for path, n in by_file.items():
        say(path, f"{n} line(s) skipped (listed above)")
    return fields


dictionaries_app = typer.Typer(help="PETRARCH/TABARI dictionaries: convert them to our "
                               "formats and back.", no_args_is_help=True)


@dictionaries_app.command("convert")
def convert_command(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                           help="A PETRARCH actor file, or our YAML.")],
    target: Annotated[Path, typer.Argument(help="The file to write.")],
) -> None:
    """Convert actors: a PETRARCH actor file to our YAML (to edit it in our format), or our
    YAML to a PETRARCH actor file. The direction follows from what SOURCE holds."""
    import yaml

    from pourparler.dictionaries._actors import read_actors
    from pourparler.dictionaries._convert import petrarch_to_rows, rows_to_petrarch
    from pourparler.dictionaries._load import _yaml_list, is_petrarch_file

    try:
        if is_petrarch_file(source):
            d = read_actors(source)
            rows, problems = petrarch_to_rows(d)
            text = yaml.safe_dump(rows, allow_unicode=True, sort_keys=False)
            kept, what = len(rows), "YAML actors"
            problems = [*d.problems, *problems]
        else:
            rows = [dict(r) for r in _yaml_list(source)]
            text = rows_to_petrarch(rows)
            kept, what, problems = len(rows), "PETRARCH actors", []
        target.write_text(text, encoding="utf-8")
    except (PourparlerError, OSError) as exc:
        say(str(source), str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    for p in problems:
        log.info("%s", p)
    say(str(target), f"{kept} {what} written" + (f"; {len(problems)} line(s) or codes "
                                                 "left out (-v lists them)" if problems else ""))


def register(app: typer.Typer) -> None:
    """Add ``dictionaries`` (and its ``convert``) to ``app``."""
    app.add_typer(dictionaries_app, name="dictionaries")
