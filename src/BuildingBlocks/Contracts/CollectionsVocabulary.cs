namespace ArPlatform.Contracts;

/// <summary>The words of Collections' API that screens offer as choices: activity types, call dispositions, dispute reasons.</summary>
public static class CollectionsVocabulary
{
    public static readonly IReadOnlyList<string> ActivityTypes = ["call", "visit", "email", "letter", "sms", "note"];

    public static readonly IReadOnlyList<string> Dispositions = ["no-answer", "wrong-number", "promised", "disputed", "paid-claimed", "callback", "refused", "left-message"];

    public static readonly IReadOnlyList<string> DisputeReasons =
        ["pricing", "quantity", "quality", "not-delivered", "duplicate-billing", "tax-tds", "statutory-form", "documents-missing", "other"];
}
