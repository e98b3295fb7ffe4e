"""``carbonmgr exam pack`` and ``carbonmgr submit``: wired into :mod:`carbonmgr.cli` by ``add_parsers``.

Exit status: 0 when the files were written, 2 for bad input (a problem printed in the user's
language, located), never a traceback.
"""
from __future__ import annotations

import sys

EXIT_OK, EXIT_INPUT = 0, 2


def cmd_exam_pack(args, lang: str) -> int:
    from pathlib import Path

    from carbonmgr.common.i18n import translate
    from carbonmgr.facade.exams import pack_exam

    out = Path(args.output)
    if args.variants is None and out.exists() and not args.force:
        print(translate("cli.exists", lang, path=str(out)), file=sys.stderr)
        return EXIT_INPUT
    result = pack_exam(args.key, out, variants=args.variants, seed=args.seed, overwrite=args.force,
                       lang=args.key_lang or lang)
    if args.variants is None:
        from carbonmgr.facade.exams import read_exam

        print(translate("cli.exam.packed", lang, path=str(out), package_id=read_exam(out).package_id))
    else:
        print(translate("cli.exam.variants", lang, count=len(result.variants), path=str(out),
                        manifest=str(result.manifest)))
    return EXIT_OK


def cmd_submit(args, lang: str) -> int:
    from pathlib import Path

    from carbonmgr.common.i18n import translate
    from carbonmgr.facade.exams import read_exam, submit

    out = Path(args.output)
    if out.exists() and not args.force:
        print(translate("cli.exists", lang, path=str(out)), file=sys.stderr)
        return EXIT_INPUT
    package = read_exam(args.exam)
    submit(args.file, package, trainee_id=args.trainee, trainee_name=args.name, output=out, overwrite=args.force,
           lang=lang)
    print(translate("cli.exam.submitted", lang, path=str(out), trainee=args.trainee.strip(),
                    package_id=package.package_id))
    return EXIT_OK


def _variants(text: str) -> int:
    import argparse

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number: {text!r}") from None
    if not 1 <= n <= 1000:
        raise argparse.ArgumentTypeError("1 to 1000")
    return n


def add_parsers(subparsers) -> None:
    """Add ``exam`` (with ``pack``) and ``submit`` to ``carbonmgr``'s parser."""
    add_pack(subparsers)
    add_submit(subparsers)


def add_pack(subparsers) -> None:
    """Add ``exam`` (with ``pack``) to ``carbonmgr``'s parser."""
    e = subparsers.add_parser("exam", help="exam packages: make them from an exercise workbook (the key)")
    esub = e.add_subparsers(dest="exam_command")
    p = esub.add_parser("pack", help="write the exam package (.cmexam) of an exercise workbook; never the key")
    p.add_argument("key", help="exercise workbook (.xlsx): the answer key and the trainer's sheets")
    p.add_argument("-o", "--output", required=True,
                   help="package to write (.cmexam); with --variants, a folder for the packages and their keys")
    p.add_argument("--variants", type=_variants, help="one package per trainee, values drawn from Variables")
    p.add_argument("--seed", default=None, help="seed of the draw (the same seed gives the same variants)")
    p.add_argument("--lang", dest="key_lang", choices=("zh", "en"),
                   help="language of the keys' results sheet and the manifest (default: the language of messages)")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.set_defaults(func=cmd_exam_pack)
    e.set_defaults(func=lambda args, lang: (e.print_help(), EXIT_INPUT)[1])


def add_submit(subparsers) -> None:
    s = subparsers.add_parser("submit", help="seal an answer (project or case workbook) as a submission (.cmsub)")
    s.add_argument("file", help="the trainee's answer: project (.carbon) or case workbook (.xlsx)")
    s.add_argument("--exam", required=True, help="the exam package answered (.cmexam)")
    s.add_argument("--trainee", required=True, help="the trainee's ID")
    s.add_argument("--name", help="the trainee's name")
    s.add_argument("-o", "--output", required=True, help="submission to write (.cmsub)")
    s.add_argument("--force", action="store_true", help="overwrite an existing file")
    s.set_defaults(func=cmd_submit)
