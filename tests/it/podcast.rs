//! Podcasts: season listing, episode pages, feeds with stable GUIDs, and
//! the errors editors meet.

use crate::harness::Hub;

fn podcast() -> Hub {
    Hub::new()
        .file("content/pod/_index.md", "---\ntitle: Talks\ntype: podcast\ncascade: {type: episode}\ndescription: D\nauthor: A\nowner: {name: O, email: o@x.org}\nartwork: cover.png\n---\n")
        .file("content/pod/cover.png", "png")
        .file("content/pod/s1.md", "---\ntitle: First\nseason: 1\nepisode: 1\ndate: 2025-01-07\naudio: {url: \"https://x.org/1.mp3\", length_bytes: 10, mime: audio/mpeg, duration: \"10:00\"}\nchapters:\n  - {start: \"00:00\", title: Intro}\n  - {start: \"05:30\", title: Talk}\ntranscript: s1.vtt\n---\nNotes.\n")
        .file("content/pod/s1.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello and welcome.\n")
        .file("content/pod/s2.md", "---\ntitle: Second\nseason: 2\nepisode: 1\ndate: 2026-01-06\naudio: {url: \"https://x.org/2.mp3\", length_bytes: 20, mime: audio/mpeg, duration: \"01:00:00\"}\n---\nMore.\n")
}

#[test]
fn seasons_episodes_chapters_and_transcript() {
    let run = podcast().build();
    run.ok();
    let list = run.page("pod/index.html");
    let (s1, s2) = (
        list.find("Season 1").unwrap(),
        list.find("Season 2").unwrap(),
    );
    assert!(s1 < s2 && list.find(">First</a>").unwrap() < s2);
    let ep = run.page("pod/s1/index.html");
    assert!(ep.contains(
        "<audio controls preload=\"none\" src=\"https://x.org/1.mp3\" id=\"episode-audio\">"
    ));
    assert!(ep.contains("data-seek=\"330\" aria-controls=\"episode-audio\"><time>00:05:30</time></button> <span>Talk</span>"));
    assert!(ep.contains("Hello and welcome."));
    // Every page links the feed of its language.
    assert!(run.page("index.html").contains("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/pod/feed.xml\" title=\"Talks\">"));
    let chapters = run.page("pod/s1/chapters.json");
    assert!(chapters.contains("\"startTime\": 330"));
    assert!(!run.exists("pod/s2/chapters.json"));
}

#[test]
fn guids_do_not_change_between_builds() {
    let hub = podcast();
    hub.build().ok();
    let guids = |feed: String| -> Vec<String> {
        feed.lines()
            .filter(|l| l.contains("guid"))
            .map(str::to_string)
            .collect()
    };
    let first = guids(hub.build().page("pod/feed.xml"));
    assert_eq!(first.len(), 3, "{first:?}");
    // Titles, dates and notes change; GUIDs stay.
    hub.write("content/pod/s1.md", b"---\ntitle: First, renamed\nseason: 1\nepisode: 1\ndate: 2025-02-01\naudio: {url: \"https://x.org/1b.mp3\", length_bytes: 11, mime: audio/mpeg, duration: \"10:00\"}\n---\nNew notes.\n");
    let again = hub.build();
    again.ok();
    assert_eq!(guids(again.page("pod/feed.xml")), first);
}

#[test]
fn bad_episodes_are_errors_at_their_line() {
    podcast()
        .file("content/pod/s2.md", "---\ntitle: Second\nseason: 2\nepisode: 1\ndate: 2026-01-06\naudio: {url: \"ftp://x.org/2.mp3\", length_bytes: 20, mime: audio/mpeg, duration: \"01:00:00\"}\n---\n")
        .build()
        .fails_with("content/pod/s2.md:6:1: error:")
        .fails_with("ftp://x.org/2.mp3");
    let run = podcast()
        .file("content/pod/s2.md", "---\ntitle: Second\nseason: 2\nepisode: 1\ndate: 2026-01-06\naudio: {url: \"https://x.org/2.mp3\", length_bytes: 20, mime: audio/mpeg, duration: \"1h\"}\n---\n")
        .file("content/pod/s2.ru.md", "---\ntitle: Второй\n---\n")
        .build();
    run.fails_with("content/pod/s2.md:6:")
        .fails_with("`1h` is not a duration");
    // The translation is not blamed for its original's error.
    assert!(!run.stderr.contains("s2.ru.md"), "{}", run.stderr);
    podcast()
        .file("content/pod/s2.md", "---\ntitle: Second\nseason: 2\ndate: 2026-01-06\naudio: {url: \"https://x.org/2.mp3\", length_bytes: 20, mime: audio/mpeg, duration: \"10:00\"}\n---\n")
        .build()
        .fails_with("content/pod/s2.md")
        .fails_with("an episode needs `episode`");
}

/// Audio on the hub's own address is published from the hub: the player
/// plays it from the site (a relative URL, so from `file://` too), and a
/// missing file or a wrong size is reported at the `audio` field.
#[test]
fn audio_beside_the_episode_plays_from_the_site() {
    let episode = |url: &str, length: usize| {
        format!("---\ntitle: Here\nseason: 3\nepisode: 1\ndate: 2026-03-03\naudio:\n  url: \"{url}\"\n  length_bytes: {length}\n  mime: audio/mpeg\n  duration: \"00:10\"\n---\nNotes.\n")
    };
    let hub = podcast()
        .file(
            "content/pod/s3.md",
            &episode("https://hub.test/pod/s3.mp3", 7),
        )
        .file("content/pod/s3.mp3", "ID3mp3!");
    let run = hub.build();
    run.ok();
    let page = run.page("pod/s3/index.html");
    assert!(page.contains("src=\"/pod/s3.mp3\""), "{page}");
    assert!(page.contains("(MP3, "), "its format and size");
    assert!(run
        .page("pod/feed.xml")
        .contains("<enclosure url=\"https://hub.test/pod/s3.mp3\" length=\"7\""));

    hub.write(
        "content/pod/s3.md",
        episode("https://hub.test/pod/s3.mp3", 9).as_bytes(),
    );
    hub.build().fails_with(
        "content/pod/s3.md:6:1: error: audio.length_bytes is 9, but content/pod/s3.mp3 has 7 bytes",
    );
    hub.write(
        "content/pod/s3.md",
        episode("https://hub.test/pod/gone.mp3", 7).as_bytes(),
    );
    hub.build().fails_with(
        "content/pod/s3.md:6:1: error: audio.url is on this hub's address, but content/pod/gone.mp3 does not exist",
    );
}
