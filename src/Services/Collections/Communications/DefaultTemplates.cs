namespace ArPlatform.Collections.Communications;

/// <summary>
/// The templates a tenant starts with, one per kind of message a dunning step sends. A tenant's own template of the
/// same code takes their place; the variables they use are described on <see cref="TemplateRenderer"/>.
/// </summary>
/// <remarks>Letter bodies start at the salutation: <see cref="LetterPdf"/> writes the letterhead, date, addressee and
/// subject itself.</remarks>
public static class DefaultTemplates
{
    public const string CourtesyReminder = "courtesy-reminder";
    public const string PaymentReminder = "payment-reminder";
    public const string SmsReminder = "sms-reminder";
    public const string LetterL2 = "letter-l2";
    public const string LetterL3 = "letter-l3";
    public const string SpocEscalation = "spoc-escalation";
    public const string FinalNotice = "final-notice";
    public const string AgencyReferral = "agency-referral";
    public const string DisputeRouting = "dispute-routing";

    private const string Addressee =
        """
        <p>{% if contact %}Kind attention: {{ contact.name }}{% if contact.role %}, {{ contact.role }}{% endif %}<br>{% endif %}
        {{ customer.name }} (Customer code: {{ customer.code }})</p>
        <p>Dear Sir/Madam,</p>
        """;

    private const string EmailSignature =
        """
        <p>Thanks and regards,<br>
        {{ collector | default: "Collections team" }}<br>
        On behalf of {{ client.name }}</p>
        """;

    private const string LetterSignature =
        """
        <p>Yours faithfully,<br>
        For and on behalf of {{ client.name }}</p>
        <p>{{ collector | default: "Collections team" }}<br>
        Collections</p>
        """;

    private const string Totals =
        """
        <p>Total amount due: <strong>{{ totals.dunned | inr }}</strong>{% if totals.overdue > 0 %}, of which
        <strong>{{ totals.overdue | inr }}</strong> is overdue{% endif %}.</p>
        """;

    private const string Remittance =
        "<p>If the payment has already been made, kindly share the remittance details (UTR number, date and amount) so "
        + "that we may update our records, and please ignore this reminder.</p>";

    /// <summary>Every default template.</summary>
    public static IReadOnlyList<MessageTemplate> All { get; } =
    [
        new(
            CourtesyReminder,
            CommunicationChannels.Email,
            "Friendly reminder: invoices falling due – {{ customer.name }} ({{ customer.code }})",
            Addressee
            + """
            <p>Greetings from {{ client.name }}. This is a courtesy reminder that the following invoice(s) will fall due
            for payment shortly. The details as on {{ as_of | indian_date }} are given below for your reference.</p>
            {{ items_table }}
            """
            + Totals
            + """
            <p>We request you to kindly arrange the payment on or before the respective due dates. If any invoice has
            not been received or needs a correction, please let us know so that we can resolve it before the due date.</p>
            """
            + Remittance + EmailSignature),

        new(
            PaymentReminder,
            CommunicationChannels.Email,
            "Payment reminder: overdue invoices – {{ customer.name }} ({{ customer.code }})",
            Addressee
            + """
            <p>We wish to bring to your kind notice that, as per our records, the following invoice(s) raised by
            {{ client.name }} remain unpaid beyond their due dates as on {{ as_of | indian_date }}.</p>
            {{ items_table }}
            """
            + Totals
            + """
            <p>We request you to kindly release the payment at the earliest. Should there be any query or dispute
            regarding these invoices, please let us know within three working days so that we can resolve it promptly.</p>
            """
            + Remittance + EmailSignature),

        // Plain ASCII and "Rs.": GSM-7 has no ₹, and a single ₹ makes the whole SMS UCS-2, 70 characters a part
        // instead of 160. In India an SMS must match a template registered on the DLT platform, so a tenant changing
        // this text registers it first.
        new(
            SmsReminder,
            CommunicationChannels.Sms,
            "Payment reminder",
            "Dear Sir/Madam, Rs. {{ totals.dunned | inr_plain }} is due from {{ customer.name | truncate: 40 }} "
            + "to {{ client.name | truncate: 40 }} against {{ items.size }} invoice(s) as on {{ as_of | indian_date }}. "
            + "Kindly pay at the earliest; ignore if already paid. - {{ collector | default: \"Collections team\" | truncate: 30 }}"),

        new(
            LetterL2,
            CommunicationChannels.Letter,
            "Overdue payment of {{ totals.overdue | inr }} – {{ customer.name }} ({{ customer.code }})",
            """
            {% unless contact %}<p>Kind attention: The Finance Manager</p>{% endunless %}
            <p>Dear Sir/Madam,</p>
            <p>Despite our earlier reminders, the following invoice(s) raised by {{ client.name }} remain unpaid as on
            {{ as_of | indian_date }}, well beyond their due dates.</p>
            {{ items_table }}
            """
            + Totals
            + """
            <p>We request you to arrange the payment of the overdue amount within seven days of this letter. If any
            amount is withheld for a reason, please write to us with the details within the same period, failing which
            we shall take the amount as accepted and due.</p>
            <p>Please note that if the payment is not received, we shall be constrained to escalate the matter to your
            senior management.</p>
            """
            + LetterSignature),

        new(
            LetterL3,
            CommunicationChannels.Letter,
            "Escalation: overdue payment of {{ totals.overdue | inr }} – {{ customer.name }} ({{ customer.code }})",
            """
            {% unless contact %}<p>Kind attention: The Managing Director</p>{% endunless %}
            <p>Dear Sir/Madam,</p>
            <p>We are constrained to bring to your personal attention the overdue account of {{ customer.name }} with
            {{ client.name }}. Our repeated reminders to your finance team have not resulted in payment of the following
            invoice(s), outstanding as on {{ as_of | indian_date }}.</p>
            {{ items_table }}
            """
            + Totals
            + """
            <p>We value our business relationship and request your intervention to have the overdue amount released
            without further delay. We would be glad to discuss a payment schedule with your team if that would help settle
            the account.</p>
            <p>In the absence of payment or a response from you, we shall be compelled to consider further steps for the
            recovery of the amount.</p>
            """
            + LetterSignature),

        new(
            SpocEscalation,
            CommunicationChannels.Email,
            "Escalation: overdue account of {{ customer.name }} ({{ customer.code }}) – {{ totals.overdue | inr }}",
            """
            <p>Dear {{ spoc.name | default: "Sir/Madam" }},</p>
            <p>We wish to escalate the account of {{ customer.name }} (customer code {{ customer.code }}) for your
            attention. The following invoice(s) remain unpaid as on {{ as_of | indian_date }} despite our follow-up.</p>
            {{ items_table }}
            """
            + Totals
            + """
            <p>{% if contact %}Our contact at the customer is {{ contact.name }}{% if contact.role %} ({{ contact.role }}){% endif %}{% if contact.email %}, {{ contact.email }}{% endif %}{% if contact.phone %}, {{ contact.phone }}{% endif %}.{% else %}We have no contact at the customer on record.{% endif %}
            Current step: {{ step.name }}.</p>
            <p>We request your support in reaching the customer's management, and would be grateful for any information
            on the account (a commercial discussion, a credit note or a dispute in progress) that we should take into
            account.</p>
            """
            + EmailSignature),

        new(
            FinalNotice,
            CommunicationChannels.Letter,
            "Final notice before referral – {{ customer.name }} ({{ customer.code }})",
            """
            {% unless contact %}<p>Kind attention: The Managing Director</p>{% endunless %}
            <p>Dear Sir/Madam,</p>
            <p><strong>FINAL NOTICE</strong></p>
            <p>In spite of our reminders and letters, the following invoice(s) raised by {{ client.name }} remain unpaid
            as on {{ as_of | indian_date }}.</p>
            {{ items_table }}
            """
            + Totals
            + """
            <p>You are hereby called upon to pay the overdue amount of <strong>{{ totals.overdue | inr }}</strong> on or
            before <strong>{{ as_of | add_days: 7 | indian_date }}</strong>. If the payment is not received by that date,
            the account will be referred to a collection agency for recovery without any further notice to you, at your
            risk as to costs and consequences.</p>
            <p>If you have already made the payment, please send us the remittance details immediately so that the
            referral can be withdrawn.</p>
            """
            + LetterSignature),

        new(
            AgencyReferral,
            CommunicationChannels.Email,
            "Account marked for agency placement – {{ customer.name }} ({{ customer.code }})",
            """
            <p>Dear {{ spoc.name | default: "Sir/Madam" }},</p>
            <p>Please note that the account of {{ customer.name }} (customer code {{ customer.code }}) has been marked
            for placement with a collection agency, as the overdue amount remains unpaid after the final notice. The
            invoice(s) outstanding as on {{ as_of | indian_date }} are given below.</p>
            {{ items_table }}
            """
            + Totals
            + """
            <p>Kindly let us know within two working days if the placement should be put on hold, for instance because
            of a commercial discussion with the customer or a credit note being issued. Otherwise we shall proceed with
            the placement.</p>
            """
            + EmailSignature),

        new(
            DisputeRouting,
            CommunicationChannels.Email,
            "Dispute raised by {{ customer.name }} on invoice {{ dispute.invoice_number | default: \"(not stated)\" }}",
            """
            <p>Dear Team,</p>
            <p>{{ customer.name }} (customer code {{ customer.code }}) has raised a dispute, recorded on
            {{ as_of | indian_date }}, that needs your review.</p>
            <p>Invoice: <strong>{{ dispute.invoice_number | default: "Not stated" }}</strong><br>
            Disputed amount: <strong>{% if dispute.amount %}{{ dispute.amount | inr }}{% else %}Not stated{% endif %}</strong><br>
            Reason: {{ dispute.reason | default: "Not stated" }}<br>
            Notes: {{ dispute.notes | default: "None" }}<br>
            Customer contact: {% if contact %}{{ contact.name }}{% if contact.role %} ({{ contact.role }}){% endif %}{% if contact.email %}, {{ contact.email }}{% endif %}{% if contact.phone %}, {{ contact.phone }}{% endif %}{% else %}none on record{% endif %}</p>
            <p>The customer's open invoice(s) as on {{ as_of | indian_date }}:</p>
            {{ items_table }}
            """
            + Totals
            + """
            <p>We have paused follow-up on the disputed invoice. Kindly review the dispute and let us know the outcome
            (a credit note, a corrected invoice, or confirmation that the amount is payable) so that we can close it
            with the customer.</p>
            """
            + EmailSignature),
    ];

    private static readonly Dictionary<string, MessageTemplate> ByCode =
        All.ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>The default template of the code, or null when there is none.</summary>
    public static MessageTemplate? Find(string code) => ByCode.GetValueOrDefault(code);
}
