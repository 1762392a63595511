using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ArPlatform.BuildingBlocks.Formatting;
using Fluid;
using Fluid.Values;

namespace ArPlatform.Collections.Communications;

/// <summary>
/// Renders <see cref="MessageTemplate"/>s (Liquid, with Fluid) for a <see cref="CommunicationModel"/>. Thread-safe and
/// meant to be one instance (a singleton): it caches every template it has parsed, by its source.
/// </summary>
/// <remarks>
/// <para>What a template can use. Names are case-insensitive. A value shown as "or nil" renders as nothing and is
/// false in an <c>if</c>, so <c>{% if contact %}…{% endif %}</c> and <c>{{ collector | default: "Collections team" }}</c>
/// work. Numbers are plain numbers (<c>118000.5</c>): write them with the <c>inr</c> filter. Dates are dates
/// (<c>2026-12-02</c>): write them with the <c>indian_date</c> filter.</para>
/// <list type="table">
/// <item><term><c>customer.code</c>, <c>customer.name</c></term><description>The customer written to or about.</description></item>
/// <item><term><c>contact.name</c>, <c>.role</c>, <c>.level</c>, <c>.email</c>, <c>.phone</c></term>
/// <description>The customer's contact the message is addressed to (<c>level</c>: the escalation level, e.g.
/// <c>finance-manager</c>); <c>contact</c> is nil when the customer has none on record.</description></item>
/// <item><term><c>items</c></term><description>The invoices, each with <c>invoice_number</c>, <c>invoice_date</c>
/// (or nil), <c>due_date</c>, <c>open_amount</c> (unpaid on the invoice), <c>amount</c> (the part this message asks
/// for) and <c>days_overdue</c> (zero or less when not yet due). <c>{% for item in items %}</c>, <c>items.size</c>.</description></item>
/// <item><term><c>items_table</c></term><description>A ready-made table of the items (invoice, due date, days
/// overdue, amount due, and a total row), written as it is: <c>{{ items_table }}</c>. HTML in email and letter
/// templates, one line per invoice in SMS templates.</description></item>
/// <item><term><c>totals.open</c>, <c>totals.dunned</c>, <c>totals.overdue</c></term><description>Sums of the items'
/// open amounts, of their amounts, and of the amounts of the items already overdue.</description></item>
/// <item><term><c>as_of</c></term><description>The date the message is written on.</description></item>
/// <item><term><c>collector</c></term><description>The collector who signs (or nil).</description></item>
/// <item><term><c>client.name</c></term><description>Our client, on whose behalf the message is sent.</description></item>
/// <item><term><c>spoc.name</c>, <c>.email</c>, <c>.phone</c></term><description>The client's single point of
/// contact for escalations; <c>spoc</c> is nil when there is none.</description></item>
/// <item><term><c>step.name</c>, <c>step.action</c></term><description>The dunning step that sends the message.</description></item>
/// <item><term><c>dispute.reason</c>, <c>.notes</c>, <c>.amount</c>, <c>.invoice_number</c></term><description>The
/// dispute a message routes; <c>dispute</c> is nil when the message is not about one.</description></item>
/// </list>
/// <para>Filters, besides Liquid's standard ones:</para>
/// <list type="table">
/// <item><term><c>inr</c></term><description>An amount in rupees with Indian digit grouping:
/// <c>{{ totals.dunned | inr }}</c> → ₹1,18,000.50.</description></item>
/// <item><term><c>inr_plain</c></term><description>The same without the rupee sign: 1,18,000.50.</description></item>
/// <item><term><c>indian_date</c></term><description>A date as 02-Dec-2026: <c>{{ as_of | indian_date }}</c>.</description></item>
/// <item><term><c>add_days</c></term><description>A date some days later (or earlier, when negative):
/// <c>{{ as_of | add_days: 7 | indian_date }}</c>.</description></item>
/// </list>
/// <para>Email and letter bodies are HTML: every value a template writes is HTML-encoded (a customer named
/// <c>A &amp; B</c> is written <c>A &amp;amp; B</c>), except <c>items_table</c>. Subjects and SMS bodies are plain
/// text and are not encoded; a subject is kept on one line. Templates cannot include other templates.</para>
/// </remarks>
public sealed partial class TemplateRenderer
{
    // HtmlEncoder.Default would also encode every non-ASCII letter (₹ as &#x20B9;): valid, but unreadable in the source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly FluidParser DefaultParser = new();

    // Sources are a few templates per tenant; the bounds only stop a stream of edited sources from growing it forever.
    private const int MaxCachedTemplates = 10_000;
    private const long MaxCachedChars = 20_000_000;

    // A source that ran out of time is refused at once for a while: a tenant's run does not pay the budget per account.
    private static readonly TimeSpan RememberSlow = TimeSpan.FromMinutes(10);
    private const int MaxRememberedSlow = 1_000;

    private readonly TemplateLimits _limits;
    private readonly TemplateOptions _options;
    private readonly FluidParser _parser;
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Message, long Until)> _slow = new(StringComparer.Ordinal);
    private long _cachedChars;

    /// <summary>A renderer held to <paramref name="limits"/> (the defaults when null).</summary>
    public TemplateRenderer(TemplateLimits? limits = null)
    {
        _limits = limits ?? new TemplateLimits();
        if (!_limits.IsValid(out var error))
        {
            throw new ArgumentException($"{TemplateLimits.Section}: {error}", nameof(limits));
        }

        // Tenants write the templates: bound what one rendering may cost (ADR 0027). Fluid holds every string a filter
        // builds (append included) and every capture to the output size, and checks the time budget (the context's
        // cancellation) at every statement.
        _options = new TemplateOptionsBuilder()
            .WithMaxSteps(_limits.MaxSteps)
            .WithMaxOutputSize(_limits.MaxOutputChars)
            .WithMaxCollectionSize(_limits.MaxCollectionSize)
            .WithMaxRecursion(_limits.MaxRecursion)
            .AddFilter("inr", Inr)
            .AddFilter("inr_plain", InrPlain)
            .AddFilter("indian_date", IndianDateFilter)
            .AddFilter("add_days", AddDays)
            .Build();
        _parser = new FluidParser(new FluidParserOptions { MaxRecursionDepth = _limits.MaxParseDepth });
    }

    /// <summary>The limits this renderer holds templates to.</summary>
    public TemplateLimits Limits => _limits;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Renders the template's subject and body for the model, within the <see cref="TemplateLimits"/>.</summary>
    /// <exception cref="ArgumentException">The channel is unknown, or the subject or body does not parse.</exception>
    /// <exception cref="TemplateLimitExceededException">The subject or body went past a limit: refused, not cut.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RenderedMessage Render(MessageTemplate template, CommunicationModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);

        var html = CommunicationChannels.IsHtml(template.Channel);
        var subjectTemplate = Parse(template, template.Subject, "subject");
        var bodyTemplate = Parse(template, template.Body, "body");

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_limits.RenderTimeout);
        var context = CreateContext(model, html);
        context.CancellationToken = budget.Token;
        var subject = Whitespace().Replace(Run(subjectTemplate, template.Subject, "subject", context, NullEncoder.Default, cancellationToken), " ").Trim();
        var body = Run(bodyTemplate, template.Body, "body", context, html ? Html : NullEncoder.Default, cancellationToken).Trim();
        return new RenderedMessage(subject, body, html ? HtmlText.ToText(body) : body);
    }

    /// <summary>
    /// Renders the template for a made-up account with <paramref name="items"/> invoices (and, for a letter, makes its
    /// PDF): null when it stays within the limits, else the part (<c>subject</c> or <c>body</c>) and what it exceeded.
    /// What a template does with the data of a larger account is held to the same limits when it is sent.
    /// </summary>
    public (string Part, string Error)? Trial(MessageTemplate template, int items = 50)
    {
        ArgumentNullException.ThrowIfNull(template);
        var model = TrialModel(items);
        try
        {
            var rendered = Render(template, model);
            if (template.Channel == "letter")
            {
                LetterPdf.Render(model, rendered, _limits.MaxLetterPages);
            }

            return null;
        }
        catch (TemplateLimitExceededException e)
        {
            return (e.Part, e.Message);
        }
        catch (ArgumentException e)
        {
            return (e.Message.Contains("The subject", StringComparison.Ordinal) ? "subject" : "body", e.Message);
        }
    }

    /// <summary>Whether the Liquid source parses; if not, Fluid's message (with line and column) in <paramref name="error"/>.</summary>
    public static bool TryValidate(string source, out string? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (DefaultParser.TryParse(source, out _, out var message))
        {
            error = null;
            return true;
        }
        error = Shorten(message);
        return false;
    }

    private string Run(IFluidTemplate parsed, string source, string part, TemplateContext context, System.Text.Encodings.Web.TextEncoder encoder,
        CancellationToken cancellationToken)
    {
        if (_slow.TryGetValue(source, out var slow) && Environment.TickCount64 < slow.Until)
        {
            throw new TemplateLimitExceededException(part, slow.Message);
        }

        try
        {
            return parsed.Render(context, encoder);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var message = $"template exceeded its time budget of {_limits.RenderTimeout.TotalSeconds:0.###} s ({TemplateLimits.Setting(nameof(TemplateLimits.RenderTimeout))}) in its {part}";
            if (_slow.Count >= MaxRememberedSlow)
            {
                _slow.Clear();
            }

            _slow[source] = (message, Environment.TickCount64 + (long)RememberSlow.TotalMilliseconds);
            throw new TemplateLimitExceededException(part, message);
        }
        catch (InvalidOperationException e) when (Exceeded(e.Message) is { } setting)
        {
            throw new TemplateLimitExceededException(part, $"template exceeded {setting} in its {part}");
        }
    }

    /// <summary>Which limit Fluid's message says was reached, as "what (setting)"; null for any other failure.</summary>
    private string? Exceeded(string message) =>
        message.Contains("steps", StringComparison.OrdinalIgnoreCase) ? $"{_limits.MaxSteps} steps ({TemplateLimits.Setting(nameof(TemplateLimits.MaxSteps))})"
        : message.Contains("output size", StringComparison.OrdinalIgnoreCase) ? $"{_limits.MaxOutputChars} characters of output or of one string ({TemplateLimits.Setting(nameof(TemplateLimits.MaxOutputChars))})"
        : message.Contains("collection size", StringComparison.OrdinalIgnoreCase) ? $"collections of {_limits.MaxCollectionSize} items ({TemplateLimits.Setting(nameof(TemplateLimits.MaxCollectionSize))})"
        : message.Contains("recursion", StringComparison.OrdinalIgnoreCase) ? $"a recursion depth of {_limits.MaxRecursion} ({TemplateLimits.Setting(nameof(TemplateLimits.MaxRecursion))})"
        : null;

    /// <summary>Fluid's parse error without the source it appends (which can be the whole body).</summary>
    private static string Shorten(string message)
    {
        var source = message.IndexOf("\nSource:", StringComparison.Ordinal);
        var shortened = source < 0 ? message : message[..source];
        return shortened.Length > 500 ? shortened[..500] + "..." : shortened;
    }

    private IFluidTemplate Parse(MessageTemplate template, string source, string part)
    {
        if (_templates.TryGetValue(source, out var parsed))
        {
            return parsed;
        }
        if (!_parser.TryParse(source, out parsed, out var error))
        {
            if (error.Contains("recursion depth", StringComparison.OrdinalIgnoreCase))
            {
                throw new TemplateLimitExceededException(part,
                    $"template exceeded a nesting depth of {_limits.MaxParseDepth} ({TemplateLimits.Setting(nameof(TemplateLimits.MaxParseDepth))}) in its {part}");
            }
            throw new ArgumentException($"The {part} of template '{template.Code}' does not parse: {Shorten(error)}", nameof(template));
        }
        if (_templates.Count >= MaxCachedTemplates || Interlocked.Add(ref _cachedChars, source.Length) > MaxCachedChars)
        {
            _templates.Clear();
            Interlocked.Exchange(ref _cachedChars, source.Length);
        }
        return _templates.GetOrAdd(source, parsed);
    }

    /// <summary>A made-up account for <see cref="Trial"/>: every variable set, <paramref name="items"/> overdue invoices.</summary>
    private static CommunicationModel TrialModel(int items)
    {
        var asOf = new DateOnly(2026, 12, 1);
        return new CommunicationModel(
            "TRIAL-001", "Trial Traders Pvt Ltd", new CommunicationContact("Ravi Kumar", "Accounts Payable", "L1", "ravi@trial.example", "+91 98765 43210"),
            [.. Enumerable.Range(1, items).Select(i => new CommunicationItem($"INV-{i:00000}", asOf.AddDays(-60 - i), asOf.AddDays(-i), 10_000m + i, 10_000m + i, i))],
            asOf, "Priya Sharma", "Trial Client Ltd", new CommunicationParty("Anil Kapoor", "anil@client.example", "+91 22 4000 1234"), "Trial", "email",
            "pricing", "Rate differs from the order", 1_000m, "INV-00001");
    }

    private TemplateContext CreateContext(CommunicationModel model, bool html)
    {
        var context = new TemplateContext(_options);
        context.SetValue("customer", Object(("code", Text(model.CustomerCode)), ("name", Text(model.CustomerName))));
        context.SetValue("contact", model.Contact is { } contact
            ? Object(
                ("name", Text(contact.Name)),
                ("role", Text(contact.Role)),
                ("level", Text(contact.EscalationLevel)),
                ("email", Text(contact.Email)),
                ("phone", Text(contact.Phone)))
            : NilValue.Instance);

        var items = new FluidValue[model.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = model.Items[i];
            items[i] = Object(
                ("invoice_number", Text(item.InvoiceNumber)),
                ("invoice_date", item.InvoiceDate is { } invoiceDate ? PlainDateTimeValue.Create(invoiceDate) : NilValue.Instance),
                ("due_date", PlainDateTimeValue.Create(item.DueDate)),
                ("open_amount", NumberValue.Create(item.OpenAmount)),
                ("amount", NumberValue.Create(item.DunnedAmount)),
                ("days_overdue", NumberValue.Create(item.DaysOverdue)));
        }
        context.SetValue("items", ArrayValue.Create(items));
        context.SetValue("items_table", StringValue.Create(
            html ? ItemsTable.Html(model, Html) : ItemsTable.Plain(model), encode: false));
        context.SetValue("totals", Object(
            ("open", NumberValue.Create(model.TotalOpen)),
            ("dunned", NumberValue.Create(model.TotalDunned)),
            ("overdue", NumberValue.Create(model.TotalOverdue))));

        context.SetValue("as_of", PlainDateTimeValue.Create(model.AsOf));
        context.SetValue("collector", Text(model.Collector));
        context.SetValue("client", Object(("name", Text(model.ClientName))));
        context.SetValue("spoc", model.Spoc is { } spoc
            ? Object(("name", Text(spoc.Name)), ("email", Text(spoc.Email)), ("phone", Text(spoc.Phone)))
            : NilValue.Instance);
        context.SetValue("step", Object(("name", Text(model.StepName)), ("action", Text(model.Action))));

        var disputed = model.DisputeReason is not null || model.DisputeNotes is not null
            || model.DisputeAmount is not null || model.DisputeInvoiceNumber is not null;
        context.SetValue("dispute", disputed
            ? Object(
                ("reason", Text(model.DisputeReason)),
                ("notes", Text(model.DisputeNotes)),
                ("amount", model.DisputeAmount is { } amount ? NumberValue.Create(amount) : NilValue.Instance),
                ("invoice_number", Text(model.DisputeInvoiceNumber)))
            : NilValue.Instance);
        return context;
    }

    private static FluidValue Text(string? value) => value is null ? NilValue.Instance : StringValue.Create(value);

    private static DictionaryValue Object(params (string Name, FluidValue Value)[] members)
    {
        var values = new Dictionary<string, FluidValue>(members.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in members)
        {
            values[name] = value;
        }
        return DictionaryValue.Create(new FluidValueDictionaryFluidIndexable(values));
    }

    private static ValueTask<FluidValue> Inr(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil() ? input : StringValue.Create(IndianMoney.Format(input.ToNumberValue(context)));

    private static ValueTask<FluidValue> InrPlain(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil() ? input : StringValue.Create(IndianMoney.FormatPlain(input.ToNumberValue(context)));

    private static ValueTask<FluidValue> IndianDateFilter(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        TryGetDate(input, context, out var date) ? StringValue.Create(IndianDate.Format(date)) : input;

    private static ValueTask<FluidValue> AddDays(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (!TryGetDate(input, context, out var date))
        {
            return input;
        }
        var days = (int)Math.Clamp(arguments.At(0).ToNumberValue(context), -36_600, 36_600);
        var dayNumber = (long)date.DayNumber + days;
        return dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber
            ? input
            : PlainDateTimeValue.Create(DateOnly.FromDayNumber((int)dayNumber));
    }

    private static bool TryGetDate(FluidValue input, TemplateContext context, out DateOnly date)
    {
        switch (input.ToObjectValue(context))
        {
            case DateOnly value:
                date = value;
                return true;
            case DateTime value:
                date = DateOnly.FromDateTime(value);
                return true;
            case DateTimeOffset value:
                date = DateOnly.FromDateTime(value.DateTime);
                return true;
            case string value when DateOnly.TryParse(value, CultureInfo.InvariantCulture, out var parsed):
                date = parsed;
                return true;
            case string value when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, out var parsed):
                date = DateOnly.FromDateTime(parsed.DateTime);
                return true;
            default:
                date = default;
                return false;
        }
    }
}
