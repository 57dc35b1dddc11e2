import multiprocessing

from desktop_app.cli.main import main

if __name__ == "__main__":
    # a bundled executable's child processes (the demo's forms, services/made_aside.py) start
    # here, as the same executable, and must not run the command line
    multiprocessing.freeze_support()
    raise SystemExit(main())
