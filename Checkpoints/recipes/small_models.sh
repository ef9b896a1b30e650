#!/bin/sh
# Train + export the small image checkpoints one after the other (the CPU setting used for the
# committed files), beside the long DDPM run. Every step is resumable: rerun the script to continue.
# Logs: runs/NAME/train.log. THREADS=2 when the machine is otherwise idle.
set -e
cd "$(dirname "$0")"
T=${THREADS:-1}
R="nice -n 19 python3"
mkdir -p runs/classifier runs/vae2 runs/vae16 runs/gan
$R classifier.py train --epochs 6 --threads $T >> runs/classifier/train.log 2>&1
$R classifier.py export --threads $T >> runs/classifier/train.log 2>&1
$R vae.py train --latent 2 --epochs 4 --threads $T >> runs/vae2/train.log 2>&1
$R vae.py export --latent 2 --threads $T >> runs/vae2/train.log 2>&1
$R vae.py train --latent 16 --epochs 6 --threads $T >> runs/vae16/train.log 2>&1
$R vae.py export --latent 16 --threads $T >> runs/vae16/train.log 2>&1
$R gan.py train --epochs 3 --threads $T >> runs/gan/train.log 2>&1
$R gan.py export >> runs/gan/train.log 2>&1
$R gan.py eval --threads $T >> runs/gan/train.log 2>&1
