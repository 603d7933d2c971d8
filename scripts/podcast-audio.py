#!/usr/bin/env python3
"""Makes the demo podcast's audio: for each episode, a short spoken summary
(the episode's title and description, then each chapter's title) read by
espeak-ng and encoded to MP3 with lame, published beside the episode.

It writes, per episode `content/podcast/<name>.md`:
- `<name>.mp3` (mono, 8 kbps: about 30 KB per episode),
- `<name>.vtt`, the transcript of exactly what is spoken, cue by cue,
- in the front matter: `audio:` (its URL on the hub's address, its real
  size, MIME type and duration), `transcript:`, and the chapters' start
  times where each chapter's title is spoken, in the original and in every
  translation.

Needs Debian's espeak-ng and lame. Run from the repository root:
    python3 scripts/podcast-audio.py
"""

import math
import pathlib
import re
import subprocess
import sys
import tempfile
import wave

PODCAST = pathlib.Path("content/podcast")
BASE_URL = "https://hub.example.org/"
GAP_SECONDS = 0.7


def front_matter(text):
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not match:
        sys.exit("no front matter")
    return match.group(1)


def field(front, name):
    match = re.search(rf"^{name}: *\"?(.*?)\"?$", front, re.M)
    return match.group(1) if match else None


def chapter_titles(front):
    return re.findall(r'^  - \{start: "[0-9:]+", title: "(.*?)"\}$', front, re.M)


def hms(seconds):
    seconds = int(seconds)
    return f"{seconds // 3600:02}:{seconds // 60 % 60:02}:{seconds % 60:02}"


def vtt_time(seconds):
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02}.{ms % 1000:03}"


def speak(text, path):
    subprocess.run(["espeak-ng", "-v", "en-gb", "-s", "160", "-w", str(path), text], check=True)


def episode(md, show):
    text = md.read_text(encoding="utf-8")
    front = front_matter(text)
    title, description = field(front, "title"), field(front, "description")
    season, number = field(front, "season"), field(front, "episode")
    chapters = chapter_titles(front)
    # One segment per chapter: the first also carries the introduction.
    segments = [f"{show}. Season {season}, episode {number}. {title}. {description}"]
    segments += [f"{c}." for c in chapters[1:]]
    with tempfile.TemporaryDirectory() as tmp:
        frames, params, cues = [], None, []
        at = 0.0
        for i, segment in enumerate(segments):
            wav = pathlib.Path(tmp, f"{i}.wav")
            speak(segment, wav)
            with wave.open(str(wav)) as w:
                params = params or w.getparams()
                data = w.readframes(w.getnframes())
                length = w.getnframes() / w.getframerate()
            cues.append((at, at + length, segment))
            frames.append(data)
            at += length
            if i + 1 < len(segments):
                silence = int(GAP_SECONDS * params.framerate) * params.sampwidth
                frames.append(b"\0" * silence)
                at += GAP_SECONDS
        joined = pathlib.Path(tmp, "all.wav")
        with wave.open(str(joined), "wb") as w:
            w.setparams(params)
            w.writeframes(b"".join(frames))
        mp3 = md.with_suffix(".mp3")
        subprocess.run(
            ["lame", "--quiet", "-m", "m", "--resample", "11.025", "-b", "8", "-q", "2",
             "--tt", title, "--ta", show, "--tl", show, "--tn", number,
             str(joined), str(mp3)],
            check=True,
        )
    vtt = md.with_suffix(".vtt")
    lines = [f"WEBVTT - {title}", "",
             "NOTE", "A spoken summary of the episode, made with espeak-ng. "
             "Crossroads, Migration Training Network, CC BY 4.0.", ""]
    for n, (start, end, segment) in enumerate(cues, 1):
        lines += [str(n), f"{vtt_time(start)} --> {vtt_time(end)}", f"<v Narrator>{segment}", ""]
    vtt.write_text("\n".join(lines), encoding="utf-8")
    starts = [hms(0)] + [hms(math.floor(start)) for start, _, _ in cues[1:]]
    duration = hms(math.ceil(at))
    audio = (f"audio:\n  url: \"{BASE_URL}podcast/{mp3.name}\"\n"
             f"  length_bytes: {mp3.stat().st_size}\n  mime: audio/mpeg\n"
             f"  duration: \"{duration}\"\n")
    text = re.sub(r"^audio:\n(?:  .*\n)+", audio, text, count=1, flags=re.M)
    if not re.search(r"^transcript:", text, re.M):
        text = text.replace(audio, audio + f"transcript: {vtt.name}\n", 1)
    md.write_text(retime(text, starts), encoding="utf-8")
    for translation in PODCAST.glob(md.stem + ".*.md"):
        translation.write_text(retime(translation.read_text(encoding="utf-8"), starts),
                               encoding="utf-8")
    return mp3.stat().st_size, duration


def retime(text, starts):
    """The chapters' start times, in order, in a page's front matter."""
    n = iter(range(len(starts)))

    def one(match):
        return f'{match.group(1)}"{starts[next(n)]}"'

    return re.sub(r'^(  - \{start: )"[0-9:]+"', one, text, flags=re.M)


def main():
    show = field(front_matter((PODCAST / "_index.md").read_text(encoding="utf-8")), "title")
    show = show.split(":")[0]
    total = 0
    for md in sorted(PODCAST.glob("s*e*.md")):
        if md.stem.count(".") == 0:
            size, duration = episode(md, show)
            total += size
            print(f"{md.with_suffix('.mp3')}: {size} bytes, {duration}")
    print(f"{total} bytes in all")


if __name__ == "__main__":
    main()
