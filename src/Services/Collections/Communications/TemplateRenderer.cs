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
    // Tenants write the templates: bound what one rendering may cost. A customer with a few thousand invoices still fits.
    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithMaxSteps(1_000_000)
        .WithMaxOutputSize(5_000_000)
        .WithMaxCollectionSize(100_000)
        .WithMaxRecursion(20)
        .AddFilter("inr", Inr)
        .AddFilter("inr_plain", InrPlain)
        .AddFilter("indian_date", IndianDateFilter)
        .AddFilter("add_days", AddDays)
        .Build();

    private static readonly FluidParser Parser = new();

    // HtmlEncoder.Default would also encode every non-ASCII letter (₹ as &#x20B9;): valid, but unreadable in the source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    // Sources are a few templates per tenant; the bound only stops a stream of edited sources from growing it forever.
    private const int MaxCachedTemplates = 10_000;

    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Renders the template's subject and body for the model.</summary>
    /// <exception cref="ArgumentException">The channel is unknown, or the subject or body does not parse.</exception>
    public RenderedMessage Render(MessageTemplate template, CommunicationModel model)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);

        var html = CommunicationChannels.IsHtml(template.Channel);
        var subjectTemplate = Parse(template, template.Subject, "subject");
        var bodyTemplate = Parse(template, template.Body, "body");

        var context = CreateContext(model, html);
        var subject = Whitespace().Replace(subjectTemplate.Render(context, NullEncoder.Default), " ").Trim();
        var body = bodyTemplate.Render(context, html ? Html : NullEncoder.Default).Trim();
        return new RenderedMessage(subject, body, html ? HtmlText.ToText(body) : body);
    }

    /// <summary>Whether the Liquid source parses; if not, Fluid's message (with line and column) in <paramref name="error"/>.</summary>
    public static bool TryValidate(string source, out string? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Parser.TryParse(source, out _, out var message))
        {
            error = null;
            return true;
        }
        error = message;
        return false;
    }

    private IFluidTemplate Parse(MessageTemplate template, string source, string part)
    {
        if (_templates.TryGetValue(source, out var parsed))
        {
            return parsed;
        }
        if (!Parser.TryParse(source, out parsed, out var error))
        {
            throw new ArgumentException($"The {part} of template '{template.Code}' does not parse: {error}", nameof(template));
        }
        if (_templates.Count >= MaxCachedTemplates)
        {
            _templates.Clear();
        }
        return _templates.GetOrAdd(source, parsed);
    }

    private static TemplateContext CreateContext(CommunicationModel model, bool html)
    {
        var context = new TemplateContext(Options);
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
