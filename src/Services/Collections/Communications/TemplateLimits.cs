namespace ArPlatform.Collections.Communications;

/// <summary>
/// What rendering one tenant's template may cost the shared Collections process (ADR 0027), from
/// <c>Collections:Templates</c>. A template that goes past one is refused when it is put or previewed (a problem naming
/// the field) and, when stored before or straight into the database, its message fails at send time
/// ("template exceeded ...") instead of holding up the run. The defaults leave room for a customer with some 3,000
/// open invoices in one message.
/// </summary>
public sealed class TemplateLimits
{
    public const string Section = "Collections:Templates";

    /// <summary>Wall-clock time one rendering (subject and body) may take; checked at every Liquid statement.</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Liquid statements one rendering may execute (each loop iteration counts).</summary>
    public int MaxSteps { get; set; } = 100_000;

    /// <summary>
    /// Characters one rendering may write, and the longest string any filter may build (<c>append</c>, <c>prepend</c>,
    /// <c>replace</c>, <c>join</c>, ... are held to it by Fluid) or a <c>capture</c> may hold. An items table is about
    /// 290 characters an invoice.
    /// </summary>
    public int MaxOutputChars { get; set; } = 1_000_000;

    /// <summary>Items a template operation may materialize (a range <c>(1..n)</c>, <c>split</c>, <c>concat</c>, ...).</summary>
    public int MaxCollectionSize { get; set; } = 20_000;

    /// <summary>Nested calls while rendering.</summary>
    public int MaxRecursion { get; set; } = 20;

    /// <summary>
    /// How deep a template may nest, in Fluid's parser measure: a block (<c>if</c>, <c>for</c>) counts about two, a
    /// nested expression and each filter of an expression one. A template deeper than this does not parse.
    /// </summary>
    public int MaxParseDepth { get; set; } = 60;

    /// <summary>Pages a letter's PDF may have; a longer letter is not made (its message fails, its download is refused).</summary>
    public int MaxLetterPages { get; set; } = 50;

    /// <summary>The names of the settings, for the messages that say which one was exceeded.</summary>
    internal static string Setting(string name) => $"{Section}:{name}";

    public bool IsValid(out string? error)
    {
        error = RenderTimeout <= TimeSpan.Zero ? "RenderTimeout must be positive."
            : MaxSteps < 1 || MaxOutputChars < 1 || MaxCollectionSize < 1 || MaxRecursion < 1 || MaxParseDepth < 1 || MaxLetterPages < 1
                ? "MaxSteps, MaxOutputChars, MaxCollectionSize, MaxRecursion, MaxParseDepth and MaxLetterPages must be at least 1."
            : null;
        return error is null;
    }
}

/// <summary>A template (or the letter made from it) went past one of its <see cref="TemplateLimits"/>.</summary>
/// <param name="part">The part of the template that did: <c>subject</c> or <c>body</c>.</param>
/// <param name="message">What was exceeded, beginning "template exceeded".</param>
public sealed class TemplateLimitExceededException(string part, string message) : Exception(message)
{
    public string Part { get; } = part;
}
