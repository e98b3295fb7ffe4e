"""The trainer: exercise workbooks, grading with findings, exam packages and sealed
submissions, gradebooks. Qt-free; sits above trading and storage, below editing and report."""
