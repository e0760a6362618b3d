using Lucene.Net.Util;

namespace Search.Analysis.Tests;

/// <summary>An attribute that records whether ClearAttributes() reached it (as Lucene's test framework has).</summary>
public interface ICheckClearAttributesAttribute : IAttribute
{
    /// <summary>True when Clear() was called since the last call; resets the flag.</summary>
    bool GetAndResetClearCalled();
}

/// <summary>Implementation of <see cref="ICheckClearAttributesAttribute"/> (found by the attribute factory by name).</summary>
public sealed class CheckClearAttributesAttribute : Lucene.Net.Util.Attribute, ICheckClearAttributesAttribute
{
    private bool clearCalled;

    public bool GetAndResetClearCalled()
    {
        var was = clearCalled;
        clearCalled = false;
        return was;
    }

    public override void Clear() => clearCalled = true;

    public override void CopyTo(IAttribute target) => ((CheckClearAttributesAttribute)target).clearCalled = clearCalled;

    public override bool Equals(object? obj) => obj is CheckClearAttributesAttribute o && o.clearCalled == clearCalled;

    public override int GetHashCode() => clearCalled ? 1 : 0;
}
