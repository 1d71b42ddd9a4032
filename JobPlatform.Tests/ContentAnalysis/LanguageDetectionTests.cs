namespace JobPlatform.Tests.ContentAnalysis;

[Collection(ContentAnalysisCollection.Name)]
public sealed class LanguageDetectionTests(ContentAnalysisFixture fixture)
{
    // One short caption per language, written for these tests (docs/requirements.md R-003-12: 20+ languages).
    [Theory]
    [InlineData("en", "Had the best weekend ever with my friends at the lake")]
    [InlineData("es", "Hoy fue un día increíble con mis amigos en la playa")]
    [InlineData("pt", "Hoje foi um dia maravilhoso com a minha família na praia")]
    [InlineData("fr", "Une journée magnifique avec mes amis au bord de la mer")]
    [InlineData("de", "Heute war ein wunderschöner Tag mit meinen Freunden am See")]
    [InlineData("it", "Oggi è stata una giornata bellissima con i miei amici al mare")]
    [InlineData("nl", "Vandaag was een geweldige dag met mijn vrienden aan het strand")]
    [InlineData("sv", "Idag var en underbar dag med mina vänner vid sjön")]
    [InlineData("ro", "Astăzi a fost o zi minunată cu prietenii mei la mare")]
    [InlineData("pl", "Dzisiaj był wspaniały dzień z moimi przyjaciółmi nad jeziorem")]
    [InlineData("tr", "Bugün arkadaşlarımla sahilde harika bir gün geçirdim")]
    [InlineData("ru", "Сегодня был прекрасный день с друзьями на озере")]
    [InlineData("uk", "Сьогодні був чудовий день з друзями біля річки")]
    [InlineData("el", "Σήμερα ήταν μια υπέροχη μέρα με τους φίλους μου στη θάλασσα")]
    [InlineData("he", "היום היה יום נפלא עם החברים שלי בים")]
    [InlineData("ar", "كان اليوم يوما رائعا مع أصدقائي على الشاطئ")]
    [InlineData("fa", "امروز یک روز فوق العاده با دوستانم در ساحل بود")]
    [InlineData("ur", "آج میرے دوستوں کے ساتھ ساحل پر ایک شاندار دن تھا")]
    [InlineData("hi", "आज मेरे दोस्तों के साथ समुद्र तट पर एक शानदार दिन था")]
    [InlineData("bn", "আজ বন্ধুদের সাথে সমুদ্র সৈকতে একটি দারুণ দিন কাটালাম")]
    [InlineData("id", "Hari ini sangat menyenangkan bersama teman-teman di pantai")]
    [InlineData("vi", "Hôm nay là một ngày tuyệt vời với bạn bè ở bãi biển")]
    [InlineData("th", "วันนี้เป็นวันที่ยอดเยี่ยมกับเพื่อนๆ ที่ชายหาด")]
    [InlineData("ja", "今日は友達と海で素晴らしい一日を過ごしました")]
    [InlineData("ko", "오늘은 친구들과 바다에서 멋진 하루를 보냈어요")]
    [InlineData("zh", "今天和朋友们在海边度过了美好的一天")]
    [InlineData("tl", "Napakasaya ng araw namin ng mga kaibigan ko sa dagat")]
    public void A_short_caption_gets_its_language(string expected, string caption)
    {
        var guess = fixture.Models.Language.Detect(caption);

        Assert.Equal(expected, guess.Code);
        Assert.InRange(guess.Confidence, 0.01, 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("#travel #summer #beachlife")]
    [InlineData("😍🔥🙌")]
    [InlineData("https://example.com/shop @bestfriend 2024")]
    public void A_caption_without_prose_is_undetermined(string? caption)
    {
        Assert.Equal(new("und", 0), fixture.Models.Language.Detect(caption));
    }

    [Fact]
    public void Links_mentions_and_hashtags_do_not_decide_the_language()
    {
        var guess = fixture.Models.Language.Detect(
            "@the_weekend_club https://shop.example.com/new-collection Qué bonito es volver a casa después de un viaje largo #travel #happy #love");

        Assert.Equal("es", guess.Code);
    }
}
