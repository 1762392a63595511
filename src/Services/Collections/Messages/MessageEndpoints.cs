using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Communications;
using ArPlatform.Collections.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Messages;

public sealed record MessageSummary(
    Guid Id, Guid CustomerId, Guid? ActionId, Guid? DisputeId, string Channel, string TemplateCode, string? ToName, string? ToAddress, string? ContactLevel,
    string? AddressingNote, string Subject, string Status, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, bool HasPdf);

public sealed record MessageResponse(MessageSummary Message, string Body, string Text, string? PdfUrl);

public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/collections/messages").WithTags("Communications");
        group.MapGet("/", ListAsync).RequireTenantScope(Scopes.CollectionsRead).WithName("ListMessages")
            .WithSummary("Emails, SMS and letters, newest first, by customer and status (queued, sent, failed, bounced).");
        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, CollectionsDbContext db, CancellationToken ct) =>
                await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct) is { } m
                    ? TypedResults.Ok(new MessageResponse(Summary(m), m.Body, m.Text, m.Channel == Channels.Letter ? $"/api/v1/collections/messages/{m.Id}/pdf" : null))
                    : TypedResults.NotFound())
            .RequireTenantScope(Scopes.CollectionsRead).WithName("GetMessage");
        group.MapGet("/{id:guid}/pdf", PdfAsync).RequireTenantScope(Scopes.CollectionsRead).WithName("GetLetterPdf")
            .WithSummary("A letter as PDF, made from the letter as it was sent.").Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

    private static MessageSummary Summary(OutgoingMessage m) => new(m.Id, m.CustomerId, m.ActionId, m.DisputeId, m.Channel, m.TemplateCode, m.ToName, m.ToAddress,
        m.ContactLevel, m.AddressingNote, m.Subject, m.Status, m.Attempts, m.LastError, m.CreatedAt, m.SentAt, m.Channel == Channels.Letter);

    private static async Task<IResult> ListAsync(CollectionsDbContext db, Guid? customerId, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        if (status is not null && !MessageStatuses.All.Contains(status))
        {
            return new Validation().Add("status", $"must be one of {string.Join(", ", MessageStatuses.All)}.").Problem();
        }

        if (Paging.Validate(page, pageSize) is { } problem)
        {
            return problem;
        }

        var messages = db.Messages.AsNoTracking();
        messages = customerId is null ? messages : messages.Where(m => m.CustomerId == customerId);
        messages = status is null ? messages : messages.Where(m => m.Status == status);
        return TypedResults.Ok(await QueryPages.PageAsync(messages.OrderByDescending(m => m.CreatedAt), page, pageSize, m => new MessageSummary(
            m.Id, m.CustomerId, m.ActionId, m.DisputeId, m.Channel, m.TemplateCode, m.ToName, m.ToAddress, m.ContactLevel, m.AddressingNote, m.Subject, m.Status,
            m.Attempts, m.LastError, m.CreatedAt, m.SentAt, m.Channel == Channels.Letter)));
    }

    private static async Task<IResult> PdfAsync(Guid id, CollectionsDbContext db, TemplateRenderer renderer, CancellationToken ct)
    {
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return TypedResults.NotFound();
        }

        if (message.Channel != Channels.Letter)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a letter.", detail: $"Message {id} is an {message.Channel}: only letters have a PDF.");
        }

        try
        {
            return TypedResults.File(LetterPdfs.Of(message, renderer.Limits.MaxLetterPages), "application/pdf", $"letter-{message.Id:N}.pdf");
        }
        catch (TemplateLimitExceededException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The letter is too long to print.",
                detail: $"{e.Message}: shorten the template {message.TemplateCode}.");
        }
    }
}
