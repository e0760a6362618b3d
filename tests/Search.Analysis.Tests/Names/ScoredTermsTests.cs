using Search.Analysis.Names;

namespace Search.Analysis.Tests.Names;

public class ScoredTermsTests
{
    [Fact]
    public void A_term_is_new_once_then_found_with_its_value()
    {
        var table = ScoredTerms.Rent();
        try
        {
            ref double a = ref table.Slot("TKRN\u0001tehran", out bool found);
            Assert.False(found);
            Assert.Equal(0, a);
            a = 0.75;
            Assert.Equal(0.75, table.Slot("TKRN\u0001tehran", out found));
            Assert.True(found);
            Assert.False(Slot(table, "TKRN\u0001teheran", out _));
            Assert.False(Slot(table, "TKRN\u0001tehra", out _));
            Assert.Equal(3, table.Count);
        }
        finally
        {
            ScoredTerms.Return(table);
        }
    }

    [Fact]
    public void Many_terms_and_long_ones_keep_their_values_as_the_table_grows()
    {
        var table = ScoredTerms.Rent();
        try
        {
            var longTerm = new string('x', 40_000);
            table.Slot(longTerm, out _) = -1;
            for (int i = 0; i < 50_000; i++)
                table.Slot("K\u0001form" + i, out _) = i;
            for (int i = 0; i < 50_000; i++)
            {
                Assert.True(Slot(table, "K\u0001form" + i, out double value), $"form{i}");
                Assert.Equal(i, value);
            }
            Assert.True(Slot(table, longTerm, out double longValue));
            Assert.Equal(-1, longValue);
            Assert.Equal(50_001, table.Count);
        }
        finally
        {
            ScoredTerms.Return(table);
        }
    }

    [Fact]
    public void A_table_rented_again_is_empty()
    {
        var table = ScoredTerms.Rent();
        for (int i = 0; i < 1_000; i++)
            table.Slot("term" + i, out _) = 1;
        ScoredTerms.Return(table);
        var again = ScoredTerms.Rent();
        try
        {
            Assert.Same(table, again);
            Assert.Equal(0, again.Count);
            for (int i = 0; i < 1_000; i++)
                Assert.False(Slot(again, "term" + i, out _));
        }
        finally
        {
            ScoredTerms.Return(again);
        }
    }

    private static bool Slot(ScoredTerms table, string term, out double value)
    {
        value = table.Slot(term, out bool found);
        return found;
    }
}
