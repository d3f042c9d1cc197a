/// Words for the generated history, roughly in order of how often chat uses them (the generator
/// draws them with a Zipf distribution, so the first words are by far the most common).
enum WordList {
    static let common: [String] = """
        i you the to a it and is that in we for this of on can be have just so do not but what \
        with are at will me my if was all get it's i'm ok yes no thanks about know up out there now \
        think like going one time need today good then would could let's sure we're they when should \
        how see back also still right maybe did got make want some yeah here from our tomorrow \
        please send check will look call work meeting team update deploy build release branch review \
        fix bug issue test tests server client merge main change changes done doing later soon week \
        friday monday morning afternoon evening lunch coffee break plan plans idea ideas doc docs \
        notes question answer problem working broken again already yet new old first last next \
        quick small big really very much more less thing things people everyone someone anyone \
        nothing something everything great nice cool awesome perfect agree sorry happy sounds \
        help share screen link file files folder upload download image photo video slides draft \
        final version minutes hour hours day days tonight weekend holiday trip flight hotel train \
        ticket customer support sales design product roadmap sprint standup retro demo launch \
        budget invoice contract email phone message chat group channel thread reply ping remind \
        reminder calendar schedule moved cancelled postponed confirmed waiting blocked ready shipped \
        staging production database cache index search query latency memory cpu disk network \
        password login account access permissions admin config settings logs error warning crash \
        restart timeout retry backup restore migrate migration schema table column row key value
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Sprinkled in at a low rate: accented names and places, emoji.
    static let flavour: [String] = [
        "café", "naïve", "résumé", "Zürich", "São", "Paulo", "Müller", "Björn", "Ångström", "crème",
        "brûlée", "déjà", "vu", "Łódź", "Curaçao", "😀", "👍", "🎉", "🙏", "😅", "❤️", "🚀",
    ]

    /// Each appears in only a handful of messages: what a search for something specific finds.
    static let rare: [String] = [
        "quokka", "zanzibar", "kerfuffle", "flibbertigibbet", "xenolith", "brouhaha", "gobbledygook",
        "snollygoster", "widdershins", "collywobbles",
    ]
}
