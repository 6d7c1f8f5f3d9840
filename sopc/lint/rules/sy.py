"""SY: the checks the loader makes (syntax, encoding, size, depth, tags); nothing is built from a file with an error."""

from sopc.diagnostics import Severity
from sopc.lint.registry import builtin

builtin("SY01", "yaml-sintaks", {"id": "Kesalahan sintaks YAML", "en": "YAML syntax error"}, """
    Berkas bukan YAML yang tersusun baik (atau memuat lebih dari satu dokumen).

    In English: The file is not well-formed YAML (or holds more than one document).

    Failing::

        nama: Pengelolaan Surat Masuk
        unit: [Sekretariat, Bagian Umum

    Passing::

        unit: [Sekretariat, Bagian Umum]
    """)
builtin("SY02", "kunci-ganda", {"id": "Kunci ditulis dua kali", "en": "Duplicate key"}, """
    Satu kunci muncul dua kali dalam satu pemetaan. Pembaca YAML diam-diam menyimpan nilai
    terakhir, sehingga nilai pertama hilang tanpa kabar; sopc melaporkan kunci kedua.

    In English: A key appears twice in one mapping. YAML loaders silently keep the last value, so the first
    one would vanish without a word; sopc reports the second key.

    Failing::

        waktu: 10 menit
        waktu: 15 menit

    Passing::

        waktu: 15 menit
    """)
builtin("SY03", "pengkodean", {"id": "Bukan teks UTF-8 yang sah", "en": "Not valid UTF-8 text"}, """
    Berkas bukan UTF-8 (atau UTF-16/32 dengan penanda urutan bita), atau memuat karakter kendali
    yang tidak diizinkan YAML. Simpan ulang sebagai UTF-8 di penyunting Anda.

    In English: The file is not UTF-8 (or UTF-16/32 with a byte-order mark), or holds control characters
    YAML does not allow. Save it again as UTF-8 in your editor.
    """)
builtin("SY04", "bukan-pemetaan", {"id": "Tingkat teratas bukan pemetaan", "en": "Top level is not a mapping"}, """
    Berkas SOP adalah satu pemetaan kunci (`sopc:`, `nomor:`, ...). Berkas kosong, daftar, atau
    teks polos di tingkat teratas bukan SOP.

    In English: A SOP file is one mapping of keys (`sopc:`, `nomor:`, ...). An empty file, a list or a bare
    text at the top level is not a SOP.

    Failing::

        - nomor: 001/SOP/2024

    Passing::

        nomor: 001/SOP/2024
    """)
builtin("SY05", "berkas-terlalu-besar", {"id": "Berkas terlalu besar", "en": "File too large"}, """
    Berkas lebih besar dari batas (1 MiB): tidak ada SOP nyata yang sebesar itu, dan membaca
    berkas yang sangat besar membebani waktu dan memori setiap jalannya CI.

    In English: The file is larger than the limit (1 MiB): no real SOP is, and reading a huge file would cost
    every CI run time and memory.
    """)
builtin("SY06", "struktur-berbahaya", {"id": "Struktur YAML ditolak", "en": "YAML structure rejected"}, """
    Susunan bersarang lebih dari 64 tingkat, alias yang merujuk dirinya sendiri, atau alias yang
    mengembang menjadi lebih dari 200.000 simpul (berkas "billion laughs"). Berkas ditolak sebelum
    menghabiskan memori.

    In English: Nesting deeper than 64 levels, an alias that refers to itself, or aliases that expand to more
    than 200,000 nodes (a "billion laughs" file). The file is rejected before it costs memory.
    """)
builtin("SY07", "tag-yaml", {"id": "Tag YAML tidak didukung", "en": "Unsupported YAML tag"}, """
    Tag eksplisit seperti `!!python/object` ditolak: SOP hanya memuat teks, daftar dan pemetaan,
    dan tidak ada tag yang dapat membuat sopc membangun objek. `!!str` diizinkan.

    In English: Explicit tags such as `!!python/object` are refused: a SOP holds text, lists and mappings
    only, and no tag can make sopc build an object. `!!str` is allowed.

    Failing::

        nama: !!python/object:os.system echo

    Passing::

        nama: Pengelolaan Surat Masuk
    """)
builtin("SY08", "berkas-tak-terbaca", {"id": "Berkas tidak dapat dibaca", "en": "File cannot be read"}, """
    Berkas tidak dapat dibuka (izin akses, tautan yang putus).

    In English: The file could not be opened (permissions, a broken link).
    """)
builtin("SY09", "karakter-tak-sah",
        {"id": "Karakter yang tidak boleh dicetak", "en": "Characters that cannot be printed"}, """
    Teks memuat karakter yang tidak dapat dibawa XML 1.0, dan karena itu DOCX dan SVG: karakter
    kendali yang ditulis sebagai escape dalam tanda kutip ganda (`"\\x01"`), surrogate tunggal,
    U+FFFE, U+FFFF. Karakter itu dibuang agar dokumen tetap sah; peringatan menyebut teks pertama
    seperti itu dalam berkas.

    In English: A text holds characters that XML 1.0, and so DOCX and SVG, cannot carry: control characters
    written as escapes in double quotes (`"\\x01"`), lone surrogates, U+FFFE, U+FFFF. They are
    removed, so the documents stay valid; the warning names the first such text of the file.

    Failing::

        kegiatan: "Menerima\\x07 berkas"

    Passing::

        kegiatan: Menerima berkas
    """, Severity.WARNING)
builtin("SY10", "batas-terlampaui", {"id": "Batas ukuran terlampaui", "en": "Size limit exceeded"}, """
    Langkah (`langkah`, batas bawaan 2.000) atau pelaksana (`pelaksana`, 60) lebih banyak dari
    batas, atau satu teks lebih panjang dari 5.000 karakter. Tidak ada SOP nyata yang mendekatinya;
    berkas yang melampauinya ditolak sebelum menghabiskan waktu atau memori. Repositori dapat
    mengubah batas di `[limits]` pada sopc.toml (`max_steps`, `max_actors`, `max_text`,
    `max_bytes`, `max_depth`, `max_nodes`).

    In English: More steps (`langkah`, default limit 2,000) or actors (`pelaksana`, 60) than the limits
    allow, or one text longer than 5,000 characters. No real SOP comes near them; a file that
    does is refused before it costs time or memory. A repository can change the limits under
    `[limits]` in sopc.toml (`max_steps`, `max_actors`, `max_text`, `max_bytes`, `max_depth`,
    `max_nodes`).
    """)
