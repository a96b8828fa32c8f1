//! Evidence files attached to entries: what types are accepted, recognised from their content
//! (never from their name), and the names they are shown and downloaded under.
//!
//! Accepted: PDF; PNG, JPEG, GIF, WebP images; MP3, Ogg, WAV, M4A audio; MP4, WebM video. SVG is
//! refused (it is a document that can carry scripts), and so is everything else.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
pub enum MediaType {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    Mp3,
    Ogg,
    Wav,
    M4a,
    Mp4,
    Webm,
}

/// How a page presents a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaCategory {
    Document,
    Image,
    Audio,
    Video,
}

impl MediaType {
    /// Every variant, in declaration order (derived: a new variant cannot be left out).
    pub const ALL: &'static [MediaType] = <MediaType as strum::VariantArray>::VARIANTS;

    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Png => "image/png",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Gif => "image/gif",
            MediaType::Webp => "image/webp",
            MediaType::Mp3 => "audio/mpeg",
            MediaType::Ogg => "audio/ogg",
            MediaType::Wav => "audio/wav",
            MediaType::M4a => "audio/mp4",
            MediaType::Mp4 => "video/mp4",
            MediaType::Webm => "video/webm",
        }
    }

    pub fn parse_mime(mime: &str) -> Option<MediaType> {
        MediaType::ALL.iter().copied().find(|m| m.mime() == mime)
    }

    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Pdf => "pdf",
            MediaType::Png => "png",
            MediaType::Jpeg => "jpg",
            MediaType::Gif => "gif",
            MediaType::Webp => "webp",
            MediaType::Mp3 => "mp3",
            MediaType::Ogg => "ogg",
            MediaType::Wav => "wav",
            MediaType::M4a => "m4a",
            MediaType::Mp4 => "mp4",
            MediaType::Webm => "webm",
        }
    }

    pub fn category(self) -> MediaCategory {
        match self {
            MediaType::Pdf => MediaCategory::Document,
            MediaType::Png | MediaType::Jpeg | MediaType::Gif | MediaType::Webp => {
                MediaCategory::Image
            }
            MediaType::Mp3 | MediaType::Ogg | MediaType::Wav | MediaType::M4a => {
                MediaCategory::Audio
            }
            MediaType::Mp4 | MediaType::Webm => MediaCategory::Video,
        }
    }

    /// For the file input's `accept` (a hint to the browser; the server checks the content).
    pub fn accept_attribute() -> String {
        MediaType::ALL
            .iter()
            .map(|m| format!(".{},{}", m.extension(), m.mime()))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Why a file was refused. Travels in the URL after a refused upload (`code`), so the page
/// can say it in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::VariantArray)]
pub enum Refusal {
    Empty,
    TooLarge,
    Svg,
    Executable,
    UnknownType,
    TooMany,
    /// The pupil's storage quota would be exceeded.
    OverQuota,
}

impl Refusal {
    /// Every variant, in declaration order (derived: a new variant cannot be left out).
    pub const ALL: &'static [Refusal] = <Refusal as strum::VariantArray>::VARIANTS;

    pub fn code(self) -> &'static str {
        match self {
            Refusal::Empty => "vide",
            Refusal::TooLarge => "trop-gros",
            Refusal::Svg => "svg",
            Refusal::Executable => "executable",
            Refusal::UnknownType => "type",
            Refusal::TooMany => "trop-nombreux",
            Refusal::OverQuota => "quota",
        }
    }

    pub fn from_code(code: &str) -> Option<Refusal> {
        Refusal::ALL.iter().copied().find(|r| r.code() == code)
    }
}

/// Recognises a file from its first bytes.
pub fn sniff(bytes: &[u8]) -> Result<MediaType, Refusal> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if starts(b"%PDF-") {
        return Ok(MediaType::Pdf);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Ok(MediaType::Png);
    }
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Ok(MediaType::Jpeg);
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Ok(MediaType::Gif);
    }
    if starts(b"RIFF") && at(8, b"WEBP") {
        return Ok(MediaType::Webp);
    }
    if starts(b"RIFF") && at(8, b"WAVE") {
        return Ok(MediaType::Wav);
    }
    if starts(b"OggS") {
        return Ok(MediaType::Ogg);
    }
    if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Ok(MediaType::Webm);
    }
    if at(4, b"ftyp") {
        return Ok(if at(8, b"M4A ") || at(8, b"M4B ") {
            MediaType::M4a
        } else {
            MediaType::Mp4
        });
    }
    if starts(b"ID3") || (bytes.len() > 1 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) {
        return Ok(MediaType::Mp3);
    }
    if starts(b"MZ")
        || starts(b"\x7fELF")
        || starts(b"#!")
        || starts(&[0xCA, 0xFE, 0xBA, 0xBE])
        || starts(&[0xCF, 0xFA, 0xED, 0xFE])
    {
        return Err(Refusal::Executable);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    if head.contains("<svg") {
        return Err(Refusal::Svg);
    }
    Err(Refusal::UnknownType)
}

/// The name a file is shown and downloaded under: the student's name for it, without any
/// folder, control character or quote, at most 120 characters, ending with the extension of
/// what it really is (`rapport.exe` that is a PDF becomes `rapport.exe.pdf`).
pub fn display_name(raw: &str, media: MediaType) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '*' | '?' | '|'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let extension = media.extension();
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, ext))
            if ext.eq_ignore_ascii_case(extension)
                || (media == MediaType::Jpeg && ext.eq_ignore_ascii_case("jpeg")) =>
        {
            stem
        }
        _ => cleaned,
    };
    let stem: String = stem.chars().take(110).collect();
    let stem = if stem.trim().is_empty() {
        "preuve".to_owned()
    } else {
        stem
    };
    format!("{stem}.{extension}")
}

/// An evidence file as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceView {
    pub id: i64,
    pub file_name: String,
    pub media_type: MediaType,
    pub size: i64,
    pub created_at: i64,
}

impl EvidenceView {
    pub fn href(&self) -> String {
        format!("/preuves/{}", self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_content_not_names() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Ok(MediaType::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(MediaType::Png));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Ok(MediaType::Jpeg)
        );
        assert_eq!(sniff(b"GIF89a\x01\0"), Ok(MediaType::Gif));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Ok(MediaType::Webp));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), Ok(MediaType::Wav));
        assert_eq!(sniff(b"OggS\0\x02"), Ok(MediaType::Ogg));
        assert_eq!(sniff(b"ID3\x04\0"), Ok(MediaType::Mp3));
        assert_eq!(sniff(&[0xFF, 0xFB, 0x90, 0x44]), Ok(MediaType::Mp3));
        assert_eq!(sniff(b"\0\0\0\x20ftypM4A \0\0"), Ok(MediaType::M4a));
        assert_eq!(sniff(b"\0\0\0\x20ftypisom\0\0"), Ok(MediaType::Mp4));
        assert_eq!(sniff(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F]), Ok(MediaType::Webm));
    }

    #[test]
    fn disguised_and_dangerous_files_are_refused() {
        assert_eq!(
            sniff(b"MZ\x90\0\x03\0\0\0"),
            Err(Refusal::Executable),
            "an .exe named .pdf"
        );
        assert_eq!(sniff(b"\x7fELF\x02\x01"), Err(Refusal::Executable));
        assert_eq!(sniff(b"#!/bin/sh\nrm -rf /"), Err(Refusal::Executable));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            Err(Refusal::Svg)
        );
        assert_eq!(sniff(b"  <SVG onload=alert(1)>"), Err(Refusal::Svg));
        assert_eq!(sniff(b"<html><script>"), Err(Refusal::UnknownType));
        assert_eq!(sniff(b"PK\x03\x04"), Err(Refusal::UnknownType));
        assert_eq!(sniff(b""), Err(Refusal::Empty));
        for &refusal in Refusal::ALL {
            assert_eq!(Refusal::from_code(refusal.code()), Some(refusal));
        }
    }

    #[test]
    fn display_names_are_safe_and_honest() {
        assert_eq!(
            display_name("rapport de stage.pdf", MediaType::Pdf),
            "rapport de stage.pdf"
        );
        assert_eq!(
            display_name("C:\\Users\\x\\photo.JPEG", MediaType::Jpeg),
            "photo.jpg"
        );
        assert_eq!(
            display_name("../../etc/passwd", MediaType::Pdf),
            "passwd.pdf"
        );
        assert_eq!(display_name("virus.exe", MediaType::Png), "virus.exe.png");
        assert_eq!(display_name("a\"b<c>\u{7}.pdf", MediaType::Pdf), "abc.pdf");
        assert_eq!(display_name("", MediaType::Mp3), "preuve.mp3");
        assert_eq!(display_name(".pdf", MediaType::Pdf), "pdf.pdf");
        assert!(
            display_name(&"é".repeat(300), MediaType::Pdf)
                .chars()
                .count()
                <= 114
        );
    }
}
