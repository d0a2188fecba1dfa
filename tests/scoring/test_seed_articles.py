"""The two seed articles, segmented: exact expectations, checked by hand against the text."""

from __future__ import annotations

INDEPENDENT_SENTENCES = [
    "Syria crisis: General deserts Damascus and flees to Turkey",
    "If confirmed, Ali Habib would be the highest ranking figure from the minority Alawite sect to defect since the uprising began",
    "Your support helps us to tell the story",
    "From reproductive rights to climate change to Big Tech, The Independent is on the ground when the story is developing.",
    "Whether it's investigating the financials of Elon Musk's pro-Trump PAC or producing our latest documentary, 'The A Word', which shines a light on the American women fighting for reproductive rights, we know how important it is to parse out the facts from the messaging.",
    "At such a critical moment in US history, we need reporters on the ground.",
    "Your donation allows us to keep sending journalists to speak to both sides of the story.",
    "The Independent is trusted by Americans across the entire political spectrum.",
    "And unlike many other quality news outlets, we choose not to lock Americans out of our reporting and analysis with paywalls.",
    "We believe quality journalism should be available to everyone, paid for by those who can afford it.",
    "Your support makes all the difference.",
    "A former Syrian defence minister who was once a top aide of President Bashar al-Assad has reportedly defected from the government side, fleeing across the border to Turkey in the dead of night.",
    "If his defection is confirmed, General Ali Habib would be the highest ranking figure from the minority Alawite sect, to which Assad belongs, to defect since the uprising began two and a half years ago.",
    "“Ali Habib has managed to escape from the grip of the regime and he is now in Turkey, but this does not mean that he has joined the opposition.",
    "I was told this by a Western diplomatic official,” Kamal al-Labwani, a senior member of the Syrian National Coalition said from Paris.",
    "Syrian state television denied that Gen Habib had left Syria and said he was still at his home.",
    "The general, who was Defence Minister from 2009 to August 2011, stepped down because of health reasons, according to the regime.",
    "Rumours circulated that he was dismissed for opposing the killing of peaceful protesters, after which he pledged allegiance to the regime on state television.",
    "Mr Labwani said Gen Habib was smuggled out of Syria with the help of a Western country.",
    "“He will be a top source of information.",
    "Habib has had a long military career.",
    "He has been effectively under house arrest since he defied Assad and opposed killing protesters,” Mr Labwani said.",
    "Syrian opposition members have been hoping that the threat of US military strikes would lead to mass defections.",
    "“We’re getting a lot of calls from officers who want to defect,” said Adib Shishakly, who represents the Syrian Coalition to the Gulf Cooperation Council countries.",
    "He says eight other generals, including an Alawite, are in the process of defecting.",
    "Their primary concern is for their families; in the past those left behind have been incarcerated or killed.",
    "Damascus remained defiant in the face of the defection and said it was mobilising its allies against potential military strikes.",
    "Faisal Mokdad, the Deputy Prime Minister, said: “The Syrian government will not change position even if there is World War Three.",
    "No Syrian can sacrifice the independence of his country,“ he told the AFP press agency.",
    "In an interview with The Wall Street Journal he threatened to hit not just Israel, but Turkey and Jordan too if they took part in the strikes.",
    "Subscribe to Independent Premium to bookmark this article",
    "Want to bookmark your favourite articles and stories to read or reference later?",
    "Start your Independent Premium subscription today.",
    "Join our commenting forum",
    "Join thought-provoking conversations, follow other Independent readers and see their replies",
    "Comments",
]

REWRITE_SENTENCES = [
    "Someone Really Important Just Defected From Syria",
    "Syrian President Bashar al-Assad’s former defense minister has reportedly defected to Turkey, marking one of the most high-level defections from the Assad government since civil war broke out two years ago.",
    "What’s more, he may be in talks to lead a coalition government once the war ends.",
    "General Ali Habib was appointed defense minister in 2009.",
    "He stepped down in 2011, ostensibly due to health reasons; however, opposition sources say the real reason for Habib’s resignation was that he disagreed with the Assad government’s violent crackdown on protesters, which began several months before his resignation.",
    "Assad reportedly kept Habib under close guard after he resigned and forced him to appear at public events in order to project loyalty within the regime.",
    "Syrian state media reported yesterday that Habib was at home, but multiple sources tell Reuters that he successfully snuck across the Turkish border Tuesday night with the help of Western intelligence, and is now in Istanbul.",
    "There have been a lot of defections from the Syrian government in the last two years; however, Habib’s is notable for two reasons.",
    "First of all, he’s one of the highest-level members of the Assad administration to defect.",
    "More importantly, while most other defectors have been Sunni Muslims, Habib is an Alawite—just like Assad.",
    "This is significant given the demographics of Syria and the contours of the civil war.",
    "The country is majority Sunni; Alawites, who belong to an offshoot of the Shi’ite branch of Islam, only make up one-eighth of the population, yet members of the sect have ruled the country ever since the Assad family seized power in 1970.",
    "As the rebel groups are predominantly Sunni, a persistent fear throughout the conflict has been that if the Assad government falls, there will be massive retaliatory violence against Alawites in the country.",
    "It’s been suggested, however, that this can be prevented if Alawites hold some prominent positions in Syria’s interim government if and when Assad is driven from power.",
    "Kamal al-Labwani, a Syrian dissident living in Paris, thinks Habib might be the guy for the job, and says that the U.S. and Russia are grooming him for it.",
    '"It seems that the Americans - and to a degree the Russians - are preparing him for a post-Assad role," Labwani said.',
    "“I am all for this roadmap.”",
    "In addition, Habib’s defection could entice other Alawite’s from Assad’s cabinet to follow suit, which would both weaken the Assad regime and, in theory, provide more candidates for a post-war coalition government.",
    "It may be a while before Habib’s defection is confirmed, but if it’s true, he could provide a glimmer of hope for peace in a post-Assad Syria.",
    "Image: Getty",
]


def test_independent_headline_and_standfirst(independent):
    assert independent.title == "Syria crisis: General deserts Damascus and flees to Turkey"
    assert (independent.title_span.start, independent.title_span.end) == (0, 58)
    assert independent.standfirst == (
        "If confirmed, Ali Habib would be the highest ranking figure from the minority "
        "Alawite sect to defect since the uprising began"
    )
    assert (independent.standfirst_span.start, independent.standfirst_span.end) == (59, 184)


def test_rewrite_has_a_headline_and_no_standfirst_because_its_first_paragraph_is_two_sentences(
    rewrite,
):
    assert rewrite.title == "Someone Really Important Just Defected From Syria"
    assert (rewrite.title_span.start, rewrite.title_span.end) == (0, 49)
    assert rewrite.standfirst is None


def test_independent_sentences_match_the_hand_checked_list(independent):
    assert [independent.slice(s) for s in independent.sentences] == INDEPENDENT_SENTENCES


def test_rewrite_sentences_match_the_hand_checked_list(rewrite):
    assert [rewrite.slice(s) for s in rewrite.sentences] == REWRITE_SENTENCES


def test_glued_donation_line_is_cut_from_the_first_line_of_copy(independent):
    glued = independent.sentences[10], independent.sentences[11]
    assert [(s.start, s.end) for s in glued] == [(1080, 1118), (1118, 1311)]
    assert [s.boilerplate for s in glued] == [True, False]
    assert independent.paragraphs[glued[0].paragraph].boilerplate is True
    assert independent.paragraphs[glued[1].paragraph].boilerplate is False


def test_independent_boilerplate_spans(independent):
    spans = [(b.start, b.end, b.pattern) for b in independent.boilerplate]
    assert spans == [
        (185, 1118, "donation-box"),
        (3421, 3610, "subscription-prompt"),
        (3611, 3738, "comment-prompt"),
    ]
    text = [independent.slice(b) for b in independent.boilerplate]
    assert text[0].startswith("Your support helps us to tell the story\nFrom reproductive rights")
    assert text[0].endswith("Your support makes all the difference.")
    assert text[1] == (
        "Subscribe to Independent Premium to bookmark this article\n"
        "Want to bookmark your favourite articles and stories to read or reference later? "
        "Start your Independent Premium subscription today."
    )
    assert text[2] == (
        "Join our commenting forum\nJoin thought-provoking conversations, follow other "
        "Independent readers and see their replies\nComments"
    )


def test_independent_copy_is_nine_paragraphs_and_nineteen_sentences(independent):
    copy = [p for p in independent.paragraphs if p.kind == "body" and not p.boilerplate]
    assert len(copy) == 9
    assert len(independent.copy_sentences) == 19
    assert independent.slice(independent.copy_sentences[0]).startswith(
        "A former Syrian defence minister"
    )


def test_rewrite_image_credit_is_boilerplate(rewrite):
    assert [(b.start, b.end, b.pattern) for b in rewrite.boilerplate] == [
        (2744, 2756, "image-credit")
    ]
    assert len(rewrite.copy_sentences) == 18


def test_independent_quote_spans(independent):
    quotes = [(q.start, q.end, q.closed) for q in independent.quotes]
    assert quotes == [
        (452, 464, True),  # 'The A Word', inside the donation box
        (1514, 1708, True),
        (2265, 2441, True),
        (2572, 2636, True),
        (3108, 3247, True),  # closed with a mis-typed opening mark: ,“ he told
    ]
    assert independent.slice(independent.quotes[1]).startswith("“Ali Habib has managed")
    assert independent.slice(independent.quotes[1]).endswith("a Western diplomatic official,”")
    assert independent.slice(independent.quotes[4]).endswith("independence of his country,“")
    inner = independent.quotes[3]
    assert independent.text[inner.inner_start : inner.inner_end] == (
        "We’re getting a lot of calls from officers who want to defect,"
    )


def test_rewrite_quote_spans_mix_straight_and_curly_marks(rewrite):
    assert [(q.start, q.end, q.closed) for q in rewrite.quotes] == [
        (2236, 2339, True),
        (2354, 2382, True),
    ]
    assert rewrite.slice(rewrite.quotes[1]) == "“I am all for this roadmap.”"


def test_offsets_map_to_lines_and_columns_of_the_file(independent):
    quote = independent.quotes[3]
    assert independent.line_col(quote.start) == (12, 114)
    line = independent.text.splitlines()[11]
    assert line[113:119] == "“We’re"
