"""Messages of practice mode (:mod:`carbonmgr.facade.exercises`, :mod:`carbonmgr.storage.practice`)."""

MESSAGES = {
    "practice.exercise_missing": {
        "en": 'the exercise this project practises cannot be found ("{path}"); open the exercise again from the '
              "Exercises page",
        "zh": "找不到本项目所练习的练习（“{path}”）；请从“练习”页面重新打开该练习",
    },
}
