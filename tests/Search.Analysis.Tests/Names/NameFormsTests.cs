using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

/// <summary>The character rules alone: Latin folding, Arabic-script normalisation and romanisation.</summary>
public class NameFormsTests
{
    [Theory]
    [InlineData("Khamene'i", "khamenei")]       // hamza apostrophe
    [InlineData("Ḥūthī", "huthi")]              // dots and macrons
    [InlineData("Téhéran", "teheran")]
    [InlineData("Kata’ib", "kataib")]           // typographic apostrophe
    [InlineData("ʿAbbās", "abbas")]             // ʿayn mark
    [InlineData("Peşaver", "pesaver")]          // s-cedilla folds to s: English-language news drops it, and it stands for ṣ in romanisations
    [InlineData("Hančžou", "hanchzhou")]        // Czech háček letters
    [InlineData("Qadhdhafi", "qadhdhafi")]
    [InlineData("ŁÓDŹ", "lodz")]
    [InlineData("Moscoƿ", "moscow")]           // wynn, a letter NFKD leaves alone
    [InlineData("Ŋaɣa", "ngagha")]             // eng and gamma of African alphabets
    public void FoldLatin(string input, string expected) => Assert.Equal(expected, NameForms.FoldLatin(input));

    [Theory]
    [InlineData("أحمد", "احمد")]                 // hamza on alef
    [InlineData("إبراهيم", "ابراهيم")]           // hamza under alef
    [InlineData("ٱلْحُوثِيُّون", "الحوثيون")]    // wasla and harakat
    [InlineData("خامنئي", "خامنيي")]             // hamza on yeh
    [InlineData("پیشاور", "پيشاور")]             // Persian yeh
    [InlineData("کرمانشاه", "كرمانشاه")]         // Persian kaf
    [InlineData("ممبـــئي", "ممبيي")]            // tatweel
    [InlineData("خامنه‌ای", "خامنه\u200Cاي")]    // ZWNJ kept as a join point
    public void NormalizeArabic(string input, string expected) => Assert.Equal(expected, NameForms.NormalizeArabic(input));

    [Theory]
    [InlineData("تهران", "thrān")]               // t + h stay two letters; long a kept
    [InlineData("القذافي", "ālqḏāfī")]
    [InlineData("غزة", "ġzẗ")]                   // teh marbuta
    [InlineData("عمان", "ʿmān")]                 // ʿayn
    [InlineData("پشاور", "pšāūr")]
    public void RomanizeArabic(string input, string expected) =>
        Assert.Equal(expected, NameForms.RomanizeArabic(NameForms.NormalizeArabic(input)));

    [Fact]
    public void Every_letter_of_the_Arabic_block_romanises_to_something_or_is_a_mark()
    {
        for (char c = '\u0621'; c <= '\u064A'; c++)
        {
            // U+063B..U+063F are rare extended kaf/yeh forms outside the names we handle.
            if (c == '\u0640' || !char.IsLetter(c) || (c >= '\u063B' && c <= '\u063F'))
                continue;
            var romanised = NameForms.RomanizeArabic(NameForms.NormalizeArabic(c.ToString()));
            Assert.False(string.IsNullOrEmpty(romanised), $"U+{(int)c:X4} '{c}' has no romanisation: add it to arabic-latin.txt or map it in arabic-normalize.txt");
        }
    }
}
