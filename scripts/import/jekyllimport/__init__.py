"""A Jekyll lesson repository turned into an oerhub hub (see
scripts/import/jekyll.py and docs/importing.md).

Stages, one module each: `corpus` reads the lessons and groups their
translations; `hub` plans every file's place and URL and writes the hub,
using `links` (link destinations) and `liquid` (Liquid and kramdown) on
each body, `seen` (what oerhub has to handle), `labels` for the
vocabularies' words and `front` for front matter; `report` lists what
could not be mapped.
"""
