using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArPlatform.BuildingBlocks.Persistence;

public static class DbUpdateExceptionExtensions
{
    /// <summary>The insert lost a race on a unique key (a human key such as an invoice number or a customer code).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
