"""A tiny Jekyll lesson site in The Programming Historian's layout, written
for these tests (no third-party text): two languages, a translation group
whose original is English, one that exists only in Spanish, a retired
lesson in folders named differently per language, the site's data files
for topic, activity and difficulty labels, and one image."""

import os

# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f80f0000010101005b1f8a2a0000000049454e44ae426082"
)

FILES = {
    "_config.yml": """\
name: Lessons for Historians
description: Small lessons for testing the converter
url: https://lessons.example.org
""",
    "_data/topics.yml": """\
- type: python
  displayname:
    en: "Python"
    es: "Python"
- type: mapping
  displayname:
    en: "Mapping"
    es: "Cartografía"
""",
    "_data/activities.yml": """\
- type: analyzing
  en: analyze
  es: analizar
- type: presenting
  en: present
  es: presentar
""",
    "_data/snippets.yml": """\
difficulty:
  en: difficulty
  es: dificultad
lesson-difficulty:
  1:
    en: Low
    es: Baja
  2:
    en: Medium
    es: Media
""",
    "en/index.md": "---\nlayout: base\ntitle: Lessons for Historians\n---\nHome.\n",
    "es/index.md": "---\nlayout: base\noriginal: index\ntitle: |\n  Lecciones para historiadores\n---\nInicio.\n",
    "en/lessons.md": "---\ntitle: Lesson Directory\npermalink: /en/lessons/\nredirect_from: /lessons/\n---\n",
    "es/lecciones.md": "---\ntitle: Índice de lecciones\npermalink: /es/lecciones/\noriginal: lessons\n---\n",
    "en/lessons/counting-words.md": """\
---
title: "Counting Words"
collection: lessons
layout: lesson
date: 2020-03-01
authors:
- Ada Lovelace
- Zo&#235; Example
editors:
- Grace Hopper
difficulty: 2
activity: analyzing
topics: [python]
abstract: "Count the words of a letter with Python."
redirect_from: /lessons/counting-words
avatar_alt: A ledger on a desk
doi: 10.0000/example.1
---

{% include toc.html %}

# Getting ready

Read [the mapping lesson]({{ site.baseurl }}/en/lessons/mapping-places#first-steps) first,
or its [Spanish version](/es/lecciones/contar-palabras).
See all [Python lessons](/en/lessons/?topic=python) and [our team](/en/project-team).

{% include figure.html filename="letter.png" caption="A letter from 1820, *transcribed*" %}

{% include alert.html text="Use Python 3, not Python 2." %}

```python
print("[not a link](/en/lessons/mapping-places)")
```

Kept as `[code](/en/lessons/mapping-places)` too.

Unknown: {% include lesson_describe.html %}

<p>In HTML: <a href="/en/lessons/mapping-places#first-steps">first steps</a>.</p>

[ref]: /en/lessons/mapping-places
""",
    "en/lessons/mapping-places.md": """\
---
title: Mapping Places
layout: lesson
date: 2021-05-05
authors: Ada Lovelace
difficulty: 1
activity: presenting
topics: [mapping, python]
abstract: Put the places of a letter on a map.
nav_order: 2
---

## First steps

<div class="alert alert-info">
Read <a href="/en/lessons/counting-words">the first lesson</a> first.
</div>

![A map]({{site.baseurl}}/images/mapping-places/map.png)

See [the previous lesson](counting-words.html) and [its start]({% link en/lessons/counting-words.md %}).

{% highlight python linenos %}
print("a map")
{% endhighlight %}
""",
    "en/lessons/retired/old-tool.md": """\
---
title: An Old Tool
layout: lesson
date: 2015-01-01
authors: [Ada Lovelace]
difficulty: 1
activity: analyzing
topics: [python]
abstract: A tool nobody uses any more.
retired: true
retirement-reason: |
  The tool is gone; read [Counting Words](/en/lessons/counting-words) instead.
published: false
---

Old words.
""",
    "es/lecciones/contar-palabras.md": """\
---
title: Contar palabras
layout: lesson
date: 2020-03-01
translation_date: 2021-01-15
authors:
- Ada Lovelace
- Zo&#235; Example
translator:
- Juana Inés
difficulty: 2
activity: analyzing
topics: [python]
abstract: "Cuenta las palabras de una carta con Python."
original: counting-words
---

# Preparación

{% include figure.html filename="letter.png" caption="Una carta de 1820" alt="Una carta escrita a mano" %}

```liquid
{% raw %}{{ site.baseurl }}/{% include figure.html %}{% endraw %}
```
""",
    "es/lecciones/solo-en-espanol.md": """\
---
title: Solo en español
layout: lesson
date: 2022-02-02
authors: [Juana Inés]
difficulty: 1
activity: presenting
topics: [mapping]
abstract: Una lección que solo existe en español.
redirect_from: [/, /es/solo]
---

Ver [contar palabras](/es/lecciones/contar-palabras).
""",
    "es/lecciones/retirada/herramienta-antigua.md": """\
---
title: Una herramienta antigua
layout: lesson
date: 2015-01-01
translation_date: 2016-01-01
authors: [Ada Lovelace]
difficulty: 1
activity: analyzing
topics: [python]
abstract: Una herramienta que ya nadie usa.
original: old-tool
published: false
---

Palabras antiguas.
""",
}


def write(root):
    """The site under `root`; returns `root`."""
    for rel, text in FILES.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    image = os.path.join(root, "images", "counting-words", "letter.png")
    os.makedirs(os.path.dirname(image), exist_ok=True)
    with open(image, "wb") as f:
        f.write(PNG)
    return root
