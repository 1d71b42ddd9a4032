namespace JobPlatform.ProviderSandbox.SyntheticData;

/// <summary>
/// The sandbox's own short sentences in 21 languages and three tones (written for it, not taken from anywhere). Every
/// text the sandbox makes up (captions, biographies, ad copy, transcripts) is drawn from it, so AI workers get real
/// multilingual text to analyse, and the sandbox can tell which language and tone a text was made of.
/// </summary>
internal static class CaptionLibrary
{
    public static readonly IReadOnlyList<CaptionLanguage> Languages =
    [
        new("en", "english",
            ["What a wonderful day with the best people around me.", "Feeling grateful for every little moment this week.", "This place is pure magic and I loved every minute."],
            ["Trying out a new routine this month.", "Here is a quick look at what I worked on today.", "Back in the city after a long weekend."],
            ["Honestly, today was exhausting and nothing went right.", "Really disappointed with the service here, never again.", "The weather ruined all our plans, so frustrating."],
            ["goodvibes", "dailylife"],
            new(["Emma", "Olivia", "Grace", "Chloe"], ["James", "Oliver", "Henry", "Lucas"], ["Smith", "Walker", "Brooks", "Turner"])),
        new("es", "spanish",
            ["¡Qué día tan increíble con mi gente favorita!", "Agradecida por cada pequeño momento de esta semana.", "Este lugar es pura magia, me encantó todo."],
            ["Probando una rutina nueva este mes.", "Un vistazo rápido a lo que hice hoy.", "De vuelta en la ciudad después del fin de semana."],
            ["Hoy fue agotador y nada salió bien.", "Muy decepcionado con el servicio, no vuelvo más.", "La lluvia arruinó todos nuestros planes, qué frustración."],
            ["buenosdias", "vidadiaria"],
            new(["Lucía", "Carmen", "Sofía", "Elena"], ["Javier", "Mateo", "Diego", "Pablo"], ["García", "Martínez", "López", "Romero"])),
        new("pt", "portuguese",
            ["Que dia maravilhoso com as melhores pessoas!", "Grata por cada pequeno momento desta semana.", "Esse lugar é mágico, amei cada minuto."],
            ["Testando uma rotina nova este mês.", "Um resumo rápido do que fiz hoje.", "De volta à cidade depois de um fim de semana longo."],
            ["Hoje foi cansativo e nada deu certo.", "Muito decepcionado com o atendimento, nunca mais.", "A chuva estragou todos os nossos planos, que frustrante."],
            ["bomdia", "vidareal"],
            new(["Ana", "Beatriz", "Juliana", "Camila"], ["João", "Pedro", "Rafael", "Thiago"], ["Silva", "Santos", "Oliveira", "Costa"])),
        new("fr", "french",
            ["Quelle journée merveilleuse avec les meilleures personnes !", "Reconnaissante pour chaque petit moment de cette semaine.", "Cet endroit est magique, j'ai adoré chaque minute."],
            ["J'essaie une nouvelle routine ce mois-ci.", "Un petit aperçu de ce que j'ai fait aujourd'hui.", "De retour en ville après un long week-end."],
            ["Journée épuisante, rien ne s'est passé comme prévu.", "Très déçu par le service, plus jamais.", "La pluie a gâché tous nos projets, quelle frustration."],
            ["bonjour", "viequotidienne"],
            new(["Camille", "Léa", "Manon", "Chloé"], ["Louis", "Hugo", "Julien", "Théo"], ["Martin", "Bernard", "Dubois", "Moreau"])),
        new("de", "german",
            ["Was für ein wunderbarer Tag mit den besten Menschen!", "Dankbar für jeden kleinen Moment dieser Woche.", "Dieser Ort ist einfach magisch, ich habe jede Minute genossen."],
            ["Ich probiere diesen Monat eine neue Routine aus.", "Ein kurzer Einblick in meinen heutigen Tag.", "Nach einem langen Wochenende wieder in der Stadt."],
            ["Heute war anstrengend und nichts hat geklappt.", "Vom Service hier bin ich echt enttäuscht, nie wieder.", "Das Wetter hat alle Pläne ruiniert, so ärgerlich."],
            ["guterTag", "alltag"],
            new(["Anna", "Lena", "Marie", "Sophie"], ["Lukas", "Jonas", "Felix", "Maximilian"], ["Müller", "Schmidt", "Weber", "Fischer"])),
        new("it", "italian",
            ["Che giornata meravigliosa con le persone migliori!", "Grata per ogni piccolo momento di questa settimana.", "Questo posto è pura magia, ho amato ogni minuto."],
            ["Sto provando una nuova routine questo mese.", "Un breve sguardo a quello che ho fatto oggi.", "Di nuovo in città dopo un lungo weekend."],
            ["Oggi è stata una giornata sfinente e non è andato bene niente.", "Davvero deluso dal servizio, mai più.", "Il maltempo ha rovinato tutti i nostri piani, che frustrazione."],
            ["buongiorno", "vitaquotidiana"],
            new(["Giulia", "Chiara", "Francesca", "Martina"], ["Marco", "Luca", "Alessandro", "Matteo"], ["Rossi", "Russo", "Bianchi", "Romano"])),
        new("nl", "dutch",
            ["Wat een heerlijke dag met de allerliefste mensen!", "Dankbaar voor elk klein moment van deze week.", "Deze plek is magisch, ik heb van elke minuut genoten."],
            ["Deze maand probeer ik een nieuwe routine.", "Een korte blik op waar ik vandaag aan werkte.", "Terug in de stad na een lang weekend."],
            ["Vandaag was uitputtend en niets ging goed.", "Echt teleurgesteld in de service, nooit meer.", "Het weer heeft al onze plannen verpest, zo frustrerend."],
            ["goedemorgen", "dagelijksleven"],
            new(["Sanne", "Fleur", "Lotte", "Eva"], ["Daan", "Sem", "Bram", "Lars"], ["de Jong", "Jansen", "de Vries", "Bakker"])),
        new("sv", "swedish",
            ["Vilken underbar dag med de bästa människorna!", "Tacksam för varje litet ögonblick den här veckan.", "Det här stället är magiskt, jag älskade varje minut."],
            ["Testar en ny rutin den här månaden.", "En snabb titt på vad jag gjorde idag.", "Tillbaka i stan efter en lång helg."],
            ["Idag var utmattande och ingenting gick som planerat.", "Riktigt besviken på servicen, aldrig igen.", "Vädret förstörde alla våra planer, så frustrerande."],
            ["godmorgon", "vardag"],
            new(["Elsa", "Maja", "Astrid", "Linnea"], ["Erik", "Oskar", "Axel", "Gustav"], ["Andersson", "Johansson", "Lindberg", "Nilsson"])),
        new("pl", "polish",
            ["Cudowny dzień z najlepszymi ludźmi!", "Wdzięczna za każdą małą chwilę tego tygodnia.", "To miejsce jest magiczne, uwielbiałam każdą minutę."],
            ["W tym miesiącu testuję nową rutynę.", "Krótki podgląd tego, nad czym dziś pracowałam.", "Z powrotem w mieście po długim weekendzie."],
            ["Dzisiaj był męczący dzień i nic się nie udało.", "Bardzo rozczarowany obsługą, nigdy więcej.", "Pogoda zepsuła wszystkie nasze plany, co za frustracja."],
            ["dziendobry", "codziennosc"],
            new(["Zofia", "Maja", "Katarzyna", "Agnieszka"], ["Jakub", "Piotr", "Kacper", "Tomasz"], ["Nowak", "Kowalski", "Wiśniewski", "Wójcik"])),
        new("tr", "turkish",
            ["En sevdiğim insanlarla harika bir gün!", "Bu haftanın her küçük anı için minnettarım.", "Burası tam bir büyü, her dakikasına bayıldım."],
            ["Bu ay yeni bir rutin deniyorum.", "Bugün üzerinde çalıştığım şeylere kısa bir bakış.", "Uzun bir hafta sonundan sonra şehre döndük."],
            ["Bugün çok yorucuydu ve hiçbir şey yolunda gitmedi.", "Hizmetten gerçekten hayal kırıklığına uğradım, bir daha asla.", "Hava bütün planlarımızı mahvetti, çok sinir bozucu."],
            ["günaydın", "gündelikhayat"],
            new(["Zeynep", "Elif", "Ayşe", "Defne"], ["Mehmet", "Emre", "Can", "Burak"], ["Yılmaz", "Kaya", "Demir", "Şahin"])),
        new("ru", "russian",
            ["Какой чудесный день с самыми лучшими людьми!", "Благодарна за каждый маленький момент этой недели.", "Это место просто волшебное, мне понравилась каждая минута."],
            ["В этом месяце пробую новый распорядок дня.", "Коротко о том, чем я сегодня занималась.", "Снова в городе после долгих выходных."],
            ["Сегодня был изматывающий день, ничего не получилось.", "Очень разочарован обслуживанием, больше никогда.", "Погода испортила все наши планы, так обидно."],
            ["доброеутро", "повседневность"],
            new(["Anastasia", "Daria", "Polina", "Ekaterina"], ["Dmitry", "Alexei", "Ivan", "Nikita"], ["Ivanov", "Smirnov", "Volkov", "Petrov"])),
        new("uk", "ukrainian",
            ["Який чудовий день із найкращими людьми!", "Вдячна за кожну маленьку мить цього тижня.", "Це місце просто чарівне, мені сподобалася кожна хвилина."],
            ["Цього місяця пробую новий розпорядок.", "Коротко про те, над чим я сьогодні працювала.", "Знову в місті після довгих вихідних."],
            ["Сьогодні був виснажливий день, нічого не вдалося.", "Дуже розчарований обслуговуванням, більше ніколи.", "Погода зіпсувала всі наші плани, так прикро."],
            ["добранок", "буденність"],
            new(["Oksana", "Iryna", "Olena", "Sofiia"], ["Andriy", "Taras", "Oleh", "Bohdan"], ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko"])),
        new("ar", "arabic",
            ["يوم رائع مع أجمل الناس!", "ممتنة لكل لحظة صغيرة هذا الأسبوع.", "هذا المكان ساحر، استمتعت بكل دقيقة."],
            ["أجرب روتينًا جديدًا هذا الشهر.", "نظرة سريعة على ما عملت عليه اليوم.", "عدنا إلى المدينة بعد عطلة طويلة."],
            ["كان اليوم مرهقًا ولم ينجح أي شيء.", "خاب أملي في الخدمة هنا، لن أعود أبدًا.", "الطقس أفسد كل خططنا، أمر محبط جدًا."],
            ["صباح_الخير", "يوميات"],
            new(["Fatima", "Layla", "Noor", "Mariam"], ["Omar", "Youssef", "Karim", "Ahmed"], ["Haddad", "Mansour", "Khalil", "Nasser"])),
        new("hi", "hindi",
            ["सबसे अच्छे लोगों के साथ कितना शानदार दिन!", "इस हफ्ते के हर छोटे पल के लिए आभारी हूँ।", "यह जगह जादुई है, मुझे हर पल अच्छा लगा।"],
            ["इस महीने एक नई दिनचर्या आज़मा रही हूँ।", "आज मैंने जिस पर काम किया उसकी एक झलक।", "लंबे वीकेंड के बाद शहर में वापस।"],
            ["आज का दिन बहुत थकाने वाला था और कुछ भी ठीक नहीं हुआ।", "यहाँ की सर्विस से बहुत निराश हूँ, फिर कभी नहीं।", "मौसम ने हमारी सारी योजनाएँ बिगाड़ दीं, बहुत निराशाजनक।"],
            ["सुप्रभात", "रोज़मर्रा"],
            new(["Priya", "Ananya", "Kavya", "Neha"], ["Arjun", "Rohan", "Vikram", "Aditya"], ["Sharma", "Patel", "Gupta", "Iyer"])),
        new("id", "indonesian",
            ["Hari yang luar biasa bersama orang-orang terbaik!", "Bersyukur untuk setiap momen kecil minggu ini.", "Tempat ini ajaib banget, aku suka setiap menitnya."],
            ["Lagi mencoba rutinitas baru bulan ini.", "Sekilas tentang apa yang aku kerjakan hari ini.", "Kembali ke kota setelah akhir pekan panjang."],
            ["Hari ini melelahkan dan tidak ada yang berjalan lancar.", "Sangat kecewa dengan pelayanannya, tidak akan lagi.", "Cuaca merusak semua rencana kami, menyebalkan sekali."],
            ["selamatpagi", "keseharian"],
            new(["Putri", "Siti", "Ayu", "Dewi"], ["Budi", "Agus", "Rizky", "Andi"], ["Santoso", "Wijaya", "Saputra", "Hidayat"])),
        new("ja", "japanese",
            ["最高の仲間と過ごした素敵な一日！", "今週の小さな瞬間すべてに感謝。", "この場所は本当に魔法みたいで、一分一秒が楽しかった。"],
            ["今月は新しいルーティンを試しています。", "今日取り組んだことを少しだけ紹介します。", "長い週末を終えて街に戻ってきました。"],
            ["今日は本当に疲れて、何もうまくいかなかった。", "ここのサービスにはがっかり、もう二度と来ない。", "天気のせいで予定が全部台無し、本当に残念。"],
            ["おはよう", "日常"],
            new(["Yuki", "Sakura", "Haruka", "Aoi"], ["Haruto", "Ren", "Takumi", "Sota"], ["Tanaka", "Suzuki", "Sato", "Takahashi"])),
        new("ko", "korean",
            ["최고의 사람들과 함께한 멋진 하루!", "이번 주의 작은 순간들 모두 감사해요.", "이곳은 정말 마법 같아요, 모든 순간이 좋았어요."],
            ["이번 달에는 새로운 루틴을 시도하고 있어요.", "오늘 작업한 것을 잠깐 보여드릴게요.", "긴 주말을 보내고 도시로 돌아왔어요."],
            ["오늘은 너무 지치고 아무것도 제대로 되지 않았어요.", "이곳 서비스에 정말 실망했어요, 다시는 안 와요.", "날씨 때문에 모든 계획이 망가졌어요, 너무 속상해요."],
            ["좋은아침", "일상"],
            new(["Jiwoo", "Seoyeon", "Minji", "Hayoon"], ["Minjun", "Jihoon", "Seojun", "Dohyun"], ["Kim", "Lee", "Park", "Choi"])),
        new("zh", "chinese",
            ["和最好的朋友们度过了美好的一天！", "感恩这周的每一个小瞬间。", "这个地方太神奇了，每一分钟都很享受。"],
            ["这个月在尝试新的作息。", "简单分享一下我今天做的事情。", "长周末结束，回到城里了。"],
            ["今天好累，什么都不顺利。", "对这里的服务非常失望，再也不来了。", "天气毁了我们所有的计划，太让人沮丧了。"],
            ["早安", "日常生活"],
            new(["Na", "Fang", "Xiaomei", "Jing"], ["Wei", "Hao", "Jun", "Lei"], ["Wang", "Li", "Zhang", "Chen"])),
        new("vi", "vietnamese",
            ["Một ngày tuyệt vời bên những người tuyệt nhất!", "Biết ơn từng khoảnh khắc nhỏ trong tuần này.", "Nơi này thật kỳ diệu, mình thích từng phút giây."],
            ["Tháng này mình đang thử một thói quen mới.", "Một chút về những gì mình làm hôm nay.", "Trở lại thành phố sau kỳ nghỉ cuối tuần dài."],
            ["Hôm nay mệt mỏi quá và chẳng có gì suôn sẻ.", "Rất thất vọng với dịch vụ ở đây, không bao giờ quay lại.", "Thời tiết phá hỏng hết kế hoạch của chúng mình, bực quá."],
            ["chaobuoisang", "cuocsong"],
            new(["Linh", "Trang", "Mai", "Huong"], ["Minh", "Duc", "Tuan", "Huy"], ["Nguyen", "Tran", "Le", "Pham"])),
        new("th", "thai",
            ["วันที่แสนวิเศษกับคนที่ดีที่สุด!", "ขอบคุณทุกช่วงเวลาเล็กๆ ในสัปดาห์นี้", "ที่นี่มหัศจรรย์มาก ชอบทุกนาทีเลย"],
            ["เดือนนี้กำลังลองกิจวัตรใหม่", "ขอเล่าสั้นๆ ว่าวันนี้ทำอะไรไปบ้าง", "กลับเข้าเมืองหลังวันหยุดยาว"],
            ["วันนี้เหนื่อยมากและไม่มีอะไรเป็นไปด้วยดีเลย", "ผิดหวังกับบริการที่นี่มาก จะไม่มาอีกแล้ว", "อากาศทำให้แผนทั้งหมดพัง น่าหงุดหงิดจริงๆ"],
            ["สวัสดีตอนเช้า", "ชีวิตประจำวัน"],
            new(["Ploy", "Nong", "Fah", "Mint"], ["Somchai", "Arthit", "Niran", "Krit"], ["Srisuk", "Chaiyaporn", "Wongsa", "Boonmee"])),
        new("el", "greek",
            ["Τι υπέροχη μέρα με τους καλύτερους ανθρώπους!", "Ευγνώμων για κάθε μικρή στιγμή αυτής της εβδομάδας.", "Αυτό το μέρος είναι μαγικό, απόλαυσα κάθε λεπτό."],
            ["Δοκιμάζω μια νέα ρουτίνα αυτόν τον μήνα.", "Μια γρήγορη ματιά σε ό,τι έκανα σήμερα.", "Πίσω στην πόλη μετά από ένα μεγάλο Σαββατοκύριακο."],
            ["Σήμερα ήταν εξαντλητική μέρα και τίποτα δεν πήγε καλά.", "Πολύ απογοητευμένος από την εξυπηρέτηση, ποτέ ξανά.", "Ο καιρός χάλασε όλα μας τα σχέδια, τόσο εκνευριστικό."],
            ["καλημέρα", "καθημερινότητα"],
            new(["Maria", "Eleni", "Katerina", "Sofia"], ["Giorgos", "Nikos", "Dimitris", "Kostas"], ["Papadopoulos", "Georgiou", "Nikolaou", "Pappas"])),
    ];

    public static CaptionLanguage English => Languages[0];

    /// <summary>Topics tagged in English whatever the caption's language, as on Instagram.</summary>
    private static readonly string[] TopicHashtags =
        ["travel", "food", "fitness", "fashion", "music", "art", "nature", "coffee", "weekend", "family", "design", "photography", "tech", "books", "pets"];

    private static readonly Dictionary<Tone, string[]> ToneEmoji = new()
    {
        [Tone.Positive] = ["😍", "✨", "🙌", "❤️", "🌞"],
        [Tone.Neutral] = ["📍", "📸", "🗓️", "☕", "👀"],
        [Tone.Negative] = ["😞", "🙄", "😤", "💔", "🌧️"],
    };

    /// <summary>Each sentence of the library, to its language and tone.</summary>
    private static readonly Dictionary<string, (CaptionLanguage Language, Tone Tone)> SentenceOrigins = Languages
        .SelectMany(language => Enum.GetValues<Tone>().SelectMany(tone => language.Sentences(tone).Select(sentence => (sentence, language, tone))))
        .ToDictionary(entry => entry.sentence, entry => (entry.language, entry.tone), StringComparer.Ordinal);

    public static CaptionLanguage? Find(string? code) =>
        Languages.FirstOrDefault(language => string.Equals(language.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>Two different sentences of one language and tone, joined.</summary>
    public static string Sentences(DeterministicRandom random, CaptionLanguage language, Tone tone, int count)
    {
        var pool = language.Sentences(tone);
        var first = random.Next(pool.Count);
        return string.Join(" ", Enumerable.Range(0, Math.Min(count, pool.Count)).Select(offset => pool[(first + offset) % pool.Count]));
    }

    /// <summary>
    /// A caption: two sentences of one tone, an emoji of that tone, two or three hashtags and, sometimes, a mention.
    /// The hashtags and mentions are returned as Instagram's scrapers list them (without # and @).
    /// </summary>
    public static ComposedCaption Compose(DeterministicRandom random, CaptionLanguage language, string? mention)
    {
        var tone = random.Pick(Enum.GetValues<Tone>());
        var hashtags = new List<string> { random.Pick(TopicHashtags), random.Pick(language.Hashtags) };
        if (random.Chance(0.5))
        {
            hashtags.Add(random.Pick(TopicHashtags));
        }

        hashtags = [.. hashtags.Distinct(StringComparer.Ordinal)];
        var text = $"{Sentences(random, language, tone, 2)} {random.Pick(ToneEmoji[tone])}";
        if (mention is not null)
        {
            text += $" @{mention}";
        }

        text += "\n" + string.Join(" ", hashtags.Select(tag => "#" + tag));
        return new ComposedCaption(text, hashtags, mention is null ? [] : [mention], language, tone);
    }

    /// <summary>
    /// The language and tone most of a text's library sentences belong to (null when none is recognised): the sandbox's
    /// stand-in for a model reading the text.
    /// </summary>
    public static (CaptionLanguage Language, Tone Tone)? Recognise(string text)
    {
        var found = SentenceOrigins.Where(origin => text.Contains(origin.Key, StringComparison.Ordinal)).Select(origin => origin.Value).ToList();
        if (found.Count == 0)
        {
            return null;
        }

        var language = found.GroupBy(origin => origin.Language).MaxBy(group => group.Count())!.Key;
        var tone = found.GroupBy(origin => origin.Tone).MaxBy(group => group.Count())!.Key;
        return (language, tone);
    }
}
