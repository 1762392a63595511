using System.Reflection;

namespace ArPlatform.Architecture.Tests;

/// <summary>
/// An endpoint is the HTTP face and nothing depends on it: jobs, builders, seeders and other features call use cases
/// and query classes, never a <c>*Endpoints</c> class, and the endpoints leave writing to those use cases. Read from
/// the built assemblies, method bodies included, so a lambda, local function or async method counts as the class it
/// is written in.
/// </summary>
public sealed class EndpointTests
{
    /// <summary>The assemblies held to the rules: every web project, and the building block that maps imports and daily jobs.</summary>
    private static readonly string[] Checked =
    [
        "ArPlatform.Gateway",
        "ArPlatform.BuildingBlocks",
        "ArPlatform.Identity",
        "ArPlatform.Customers",
        "ArPlatform.Invoices",
        "ArPlatform.Collections",
        "ArPlatform.Documents",
        "ArPlatform.Reporting",
        "ArPlatform.Workbench",
    ];

    public static TheoryData<string> Assemblies => new(Checked);

    /// <summary>The methods that write through EF Core: a tracked change saved, or a statement run.</summary>
    private static readonly HashSet<string> Writes =
    [
        "SaveChanges", "SaveChangesAsync", "ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync",
        "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync",
    ];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Only_its_registration_references_an_endpoints_class(string assembly)
    {
        var violations = Types(assembly)
            .SelectMany(type => ReferencedTypes(type).Select(Outermost).Where(IsEndpoints).Distinct()
                .Where(endpoints => endpoints != Outermost(type) && !MayMap(Outermost(type)))
                .Select(endpoints => $"{Outermost(type).FullName} uses {endpoints.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(violations.Count == 0,
            "Move what these use into the feature (a use case, a query class, a formatter); only Program and *Registration map endpoints:\n"
            + string.Join("\n", violations));
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_endpoints_class_writes_to_the_database(string assembly)
    {
        var violations = Types(assembly)
            .Where(type => IsEndpoints(Outermost(type)))
            .SelectMany(type => Methods(type).SelectMany(method => Operands(method).OfType<MethodBase>()
                .Where(called => Writes.Contains(called.Name) && IsEntityFramework(called))
                .Select(called => $"{Outermost(type).FullName}: {type.Name}.{method.Name} calls {called.DeclaringType?.Name}.{called.Name}")))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(violations.Count == 0, "Writing is a use case's job: call one from the endpoint.\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_assemblies_have_endpoints_classes_to_check()
    {
        // Both rules pass trivially on an assembly that failed to load or lost its endpoints to a rename.
        foreach (var assembly in Checked)
        {
            Assert.Contains(Types(assembly), type => IsEndpoints(type) && type.DeclaringType is null);
        }
    }

    private static bool IsEndpoints(Type type) => type.Name.EndsWith("Endpoints", StringComparison.Ordinal);

    /// <summary>Program (the service's table of contents) and the *Registration classes map every feature's endpoints.</summary>
    private static bool MayMap(Type type) => type.Name == "Program" || type.Name.EndsWith("Registration", StringComparison.Ordinal);

    private static bool IsEntityFramework(MethodBase method) =>
        method.DeclaringType?.Namespace?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true
        || IsDbContext(method.DeclaringType);

    private static bool IsDbContext(Type? type) =>
        type is not null && (type.FullName == "Microsoft.EntityFrameworkCore.DbContext" || IsDbContext(type.BaseType));

    /// <summary>The type a nested type (a closure class, an async state machine, a lambda's cache) is written in.</summary>
    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    internal static Type[] Types(string assembly)
    {
        try
        {
            return Assembly.Load(assembly).GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new InvalidOperationException($"{assembly}: {string.Join("; ", e.LoaderExceptions.Select(l => l?.Message))}", e);
        }
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    internal static IEnumerable<MethodBase> Methods(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));

    /// <summary>Every type <paramref name="type"/> names: in its declaration, its members' signatures and its method bodies.</summary>
    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        IEnumerable<Type?> direct =
        [
            type.BaseType, .. type.GetInterfaces(),
            .. type.GetFields(Declared).Select(f => f.FieldType),
            .. type.GetProperties(Declared).Select(p => p.PropertyType),
            .. Methods(type).SelectMany(m => m.GetParameters().Select(p => p.ParameterType)),
            .. type.GetMethods(Declared).Select(m => m.ReturnType),
            .. type.GetCustomAttributesData().Select(a => a.AttributeType),
        ];
        var fromBodies = Methods(type).SelectMany(Operands).SelectMany(member => member switch
        {
            Type t => [t],
            MethodBase m => [m.DeclaringType, .. m.IsGenericMethod ? m.GetGenericArguments() : [], .. m.GetParameters().Select(p => p.ParameterType),
                .. m is MethodInfo info ? [info.ReturnType] : Array.Empty<Type?>()],
            FieldInfo f => [f.DeclaringType, f.FieldType],
            _ => Array.Empty<Type?>(),
        });
        return direct.Concat(fromBodies).OfType<Type>().SelectMany(Unwrap);
    }

    /// <summary>A type and the types it is made of: <c>Task&lt;List&lt;X&gt;&gt;</c> names X, <c>X[]</c> and <c>ref X</c> too.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsConstructedGenericType ? [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Unwrap)] : [type];
    }

    private static readonly Dictionary<short, System.Reflection.Emit.OpCode> OpCodes =
        typeof(System.Reflection.Emit.OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (System.Reflection.Emit.OpCode)f.GetValue(null)!)
            .ToDictionary(op => op.Value);

    /// <summary>The types, methods and fields a method's IL names (calls, loads of fields and functions, casts, typeof).</summary>
    internal static IEnumerable<MemberInfo> Operands(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var op = il[at] == 0xFE ? OpCodes[unchecked((short)(0xFE00 | il[at + 1]))] : OpCodes[il[at]];
            at += op.Size;
            switch (op.OperandType)
            {
                case System.Reflection.Emit.OperandType.InlineMethod:
                case System.Reflection.Emit.OperandType.InlineField:
                case System.Reflection.Emit.OperandType.InlineType:
                case System.Reflection.Emit.OperandType.InlineTok:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                    at += 4;
                    break;
                case System.Reflection.Emit.OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case System.Reflection.Emit.OperandType.InlineI8:
                case System.Reflection.Emit.OperandType.InlineR:
                    at += 8;
                    break;
                case System.Reflection.Emit.OperandType.InlineNone:
                    break;
                case System.Reflection.Emit.OperandType.ShortInlineBrTarget:
                case System.Reflection.Emit.OperandType.ShortInlineI:
                case System.Reflection.Emit.OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case System.Reflection.Emit.OperandType.InlineVar:
                    at += 2;
                    break;
                default:
                    at += 4; // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    break;
            }
        }
    }
}
