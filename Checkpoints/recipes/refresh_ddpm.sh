#!/bin/sh
# After more DDPM training (the run in runs/ddpm keeps going): export the EMA weights from the
# latest resumable checkpoint, score 500 samples (50 DDIM steps, guidance 3) and regenerate every
# parity fixture so they match the new file. Then update the DDPM row in Checkpoints/README.md
# from runs/ddpm/eval-ddim-50-w3.0.json and commit the .gguf together with the fixtures.
set -e
cd "$(dirname "$0")"
nice -n 19 python3 ddpm.py export
nice -n 19 python3 ddpm.py eval --threads "${THREADS:-2}"
nice -n 19 python3 make_fixtures.py
cat runs/ddpm/eval-ddim-50-w3.0.json; echo
