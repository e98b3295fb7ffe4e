"""``carbonmgr grade``: grade submissions against an exercise's answer key; wired into
:mod:`carbonmgr.cli` by ``add_parsers``. Exit 0 when grading ran (an unreadable submission
is flagged in its entry), 2 only when the key itself cannot be used."""
from __future__ import annotations

import json
import sys

EXIT_OK, EXIT_INPUT = 0, 2


def cmd_grade(args, lang: str) -> int:
    from carbonmgr.common.errors import CarbonMgrError, ValidationFailed
    from carbonmgr.common.i18n import translate
    from carbonmgr.facade.grading import grade_submissions, read_exercise, write_feedback_reports, write_gradebook

    out_lang = args.grade_lang or lang
    from carbonmgr.facade.checklist import checklist_key

    checklist = checklist_key(args.key)
    if checklist is not None:
        return _grade_checklist(checklist, args, lang, out_lang)
    try:
        exercise = read_exercise(args.key)
    except ValidationFailed as exc:
        print(translate("grade.cli.key_unusable", lang), file=sys.stderr)
        for p in exc.problems:
            print(p.render(lang), file=sys.stderr)
        return EXIT_INPUT
    except CarbonMgrError as exc:
        print(translate("grade.cli.key_unusable", lang), file=sys.stderr)
        render = getattr(exc, "render", None)
        print(render(lang) if render else str(exc), file=sys.stderr)
        return EXIT_INPUT
    progress = None
    if sys.stderr.isatty() and len(args.submissions) > 1:
        def progress(done: int, total: int) -> None:
            sys.stderr.write("\r" + translate("grade.cli.progress", lang, done=done, total=total))
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()
    results = grade_submissions(exercise, args.submissions, lang=out_lang, progress=progress)
    for result, given in zip(results, args.submissions):
        result.submission = given
    if args.gradebook:
        write_gradebook(results, args.gradebook, lang=out_lang)
    if args.feedback:
        write_feedback_reports(results, args.feedback, lang=out_lang, title=exercise.brief.text("title", out_lang))
    _print_results(results, args.json, out_lang)
    return EXIT_OK


def _print_results(results, as_json: bool, out_lang: str) -> None:
    """The graded submissions or checklist answers: as JSON, or a summary line each (a broken seal and
    an answer to another package flagged; a checklist answer has neither) and its findings."""
    from carbonmgr.common.i18n import translate
    from carbonmgr.facade.grading import trainee_label

    if as_json:
        json.dump([r.to_dict(out_lang) for r in results], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    for r in results:
        who = trainee_label(r)
        if not r.graded:
            print(translate("grade.cli.unreadable", out_lang, trainee=who, detail=r.problem_text(out_lang)))
            continue
        print(translate("grade.cli.summary", out_lang, trainee=who, score=f"{r.score:g}", count=len(r.findings)))
        if r.seal == "broken":
            print("  ! " + translate("gradebook.seal_broken", out_lang))
        if r.package == "other":
            print("  ! " + translate("gradebook.other_package", out_lang))
        for f in r.findings:
            print(translate("grade.cli.finding", out_lang, kind=translate(f"grade.kind.{f.kind}", out_lang),
                            points=f"{f.points:g}", text=f.text(out_lang)))


def _grade_checklist(path, args, lang: str, out_lang: str) -> int:
    """``carbonmgr grade --key registry ANSWER...``: checklist answers against a checklist exercise."""
    from carbonmgr.common.errors import CarbonMgrError
    from carbonmgr.common.i18n import translate
    from carbonmgr.facade.checklist import grade_answer_files, read_checklist

    try:
        checklist = read_checklist(path)
    except CarbonMgrError as exc:
        print(translate("grade.cli.key_unusable", lang), file=sys.stderr)
        for p in getattr(exc, "problems", None) or []:
            print(p.render(lang), file=sys.stderr)
        return EXIT_INPUT
    if args.gradebook or args.feedback:
        print(translate("checklist.cli.no_gradebook", lang), file=sys.stderr)
    results = grade_answer_files(checklist, args.submissions, lang=out_lang)
    for result, given in zip(results, args.submissions):
        result.submission = given
    _print_results(results, args.json, out_lang)
    return EXIT_OK


def add_parsers(subparsers) -> None:
    from carbonmgr.cli.args import h

    g = subparsers.add_parser("grade", help=h("grade"), description=h("grade"))
    g.add_argument("--key", required=True, help=h("grade.key"))
    g.add_argument("submissions", nargs="+", help=h("grade.submissions"))
    g.add_argument("--json", action="store_true", help=h("grade.json"))
    g.add_argument("--gradebook", help=h("grade.gradebook"))
    g.add_argument("--feedback", help=h("grade.feedback"))
    g.add_argument("--lang", dest="grade_lang", choices=("zh", "en"), help=h("grade.lang"))
    g.set_defaults(func=cmd_grade)
