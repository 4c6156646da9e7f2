using System.Reflection;
using System.Reflection.Emit;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>
/// Convention tests by reflection: the domain is pure (no I/O, no DI, no clock reads — time is passed in) and its
/// public types are sealed. The purity check reads every method body's IL, so a call hidden inside a method
/// (<c>File.ReadAllText</c>, <c>TimeProvider.System.GetUtcNow()</c>) fails it, not only a field or a signature.
/// </summary>
public sealed class DomainPurityTests
{
    private const string DomainNamespace = "Cicero.Notifications.Domain";

    [Fact]
    public void The_domain_namespace_holds_the_domain_types()
    {
        var types = DomainTypes();

        types.Should().Contain([typeof(Message), typeof(BorrowerProfile), typeof(DeliveryPlanner), typeof(Protocol), typeof(NotificationTypeOptions)]);
    }

    [Fact]
    public void No_domain_type_references_IO_networking_data_access_Microsoft_Extensions_or_the_clock()
    {
        var types = DomainTypes();

        var violations = ReferenceScanner.FindForbiddenReferences(types);

        string.Join(Environment.NewLine, violations).Should().BeEmpty("the domain is pure: no I/O, no DI, no clock reads (time is passed in)");
    }

    [Fact]
    public void The_purity_check_finds_a_file_read_hidden_in_a_method_body()
    {
        var violations = ReferenceScanner.FindForbiddenReferences([typeof(ImpureFixture)]);

        violations.Should().Contain(v => v.Contains(nameof(ImpureFixture.ReadsAFile), StringComparison.Ordinal) && v.Contains("System.IO.File", StringComparison.Ordinal));
    }

    [Fact]
    public void The_purity_check_finds_a_clock_read_hidden_in_a_method_body()
    {
        var violations = ReferenceScanner.FindForbiddenReferences([typeof(ImpureFixture)]);

        violations.Should().Contain(v => v.Contains(nameof(ImpureFixture.ReadsTheClock), StringComparison.Ordinal) && v.Contains("System.TimeProvider", StringComparison.Ordinal));
    }

    [Fact]
    public void The_purity_check_finds_a_system_clock_property_hidden_in_a_method_body()
    {
        var violations = ReferenceScanner.FindForbiddenReferences([typeof(ImpureFixture)]);

        violations.Should().Contain(v => v.Contains(nameof(ImpureFixture.ReadsDateTimeOffsetNow), StringComparison.Ordinal) && v.Contains("DateTimeOffset.get_UtcNow", StringComparison.Ordinal));
    }

    [Fact]
    public void The_purity_check_finds_a_forbidden_call_inside_a_lambda()
    {
        var violations = ReferenceScanner.FindForbiddenReferences(WithNestedTypes(typeof(ImpureFixture)));

        violations.Should().Contain(v => v.Contains("System.IO.File", StringComparison.Ordinal) && v.Contains("<", StringComparison.Ordinal));
    }

    [Fact]
    public void The_purity_check_accepts_a_pure_type()
    {
        var violations = ReferenceScanner.FindForbiddenReferences([typeof(PureFixture)]);

        violations.Should().BeEmpty();
    }

    [Fact]
    public void Every_public_domain_type_is_sealed_static_an_enum_or_an_interface_except_options_classes()
    {
        var unsealed = DomainTypes()
            .Where(t => t.IsVisible && !t.IsSealed && !t.IsInterface)
            .Where(t => t != typeof(NotificationTypeOptions) && t != typeof(UserDefinedProtocolOptions) && t != typeof(BranchOptions))
            .Select(t => t.FullName);

        string.Join(", ", unsealed).Should().BeEmpty("public behaviour types are sealed; only options classes are not");
    }

    [Theory]
    [InlineData(typeof(NotificationTypeOptions))]
    [InlineData(typeof(UserDefinedProtocolOptions))]
    [InlineData(typeof(BranchOptions))]
    public void Options_classes_are_not_sealed_by_convention(Type options)
    {
        options.IsSealed.Should().BeFalse();
    }

    private static Type[] DomainTypes()
        => [.. typeof(Message).Assembly.GetTypes().Where(t => t.Namespace == DomainNamespace)];

    private static Type[] WithNestedTypes(Type type)
        => [type, .. type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNestedTypes)];

    /// <summary>Calls the purity check must find: each forbidden reference is only in a method body, never in a signature.</summary>
    private static class ImpureFixture
    {
        public static int ReadsAFile() => File.ReadAllText("borrowers.csv").Length;

        public static long ReadsTheClock() => TimeProvider.System.GetUtcNow().Ticks;

#pragma warning disable RS0030 // The fixture reads the system clock on purpose: the purity check must find it.
        public static long ReadsDateTimeOffsetNow() => DateTimeOffset.UtcNow.Ticks;
#pragma warning restore RS0030

        public static Func<int> ReadsAFileLater() => () => File.ReadAllText("borrowers.csv").Length;
    }

    private static class PureFixture
    {
        public static DateTimeOffset Later(DateTimeOffset now) => now.AddDays(3);
    }

    /// <summary>
    /// Collects every type a type refers to — base type, interfaces, attributes, fields, properties, events, method
    /// signatures, local variables and every type, method and field token in the method bodies' IL — and reports
    /// the forbidden ones.
    /// </summary>
    private static class ReferenceScanner
    {
        private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

        private static readonly (OpCode[] OneByte, OpCode[] TwoByte) OpCodeTable = BuildOpCodeTable();

        private static readonly HashSet<(Type Type, string Member)> ClockMembers =
        [
            (typeof(DateTime), "get_Now"),
            (typeof(DateTime), "get_UtcNow"),
            (typeof(DateTime), "get_Today"),
            (typeof(DateTimeOffset), "get_Now"),
            (typeof(DateTimeOffset), "get_UtcNow"),
        ];

        public static List<string> FindForbiddenReferences(IEnumerable<Type> types)
        {
            var violations = new List<string>();
            foreach (var type in types)
            {
                foreach (var (where, referenced) in References(type))
                {
                    if (Forbidden(referenced) is { } why)
                    {
                        violations.Add($"{type.FullName}.{where} references {why}");
                    }
                }
            }

            return [.. violations.Distinct()];
        }

        private static string? Forbidden(MemberInfo referenced)
        {
            if (referenced is MethodBase { DeclaringType: { } owner } method && ClockMembers.Contains((owner, method.Name)))
            {
                return $"{owner.FullName}.{method.Name} (the system clock)";
            }

            if (referenced is not Type type)
            {
                return null;
            }

            var ns = type.Namespace ?? "";
            var forbidden = type == typeof(TimeProvider)
                || type == typeof(Console)
                || InNamespace(ns, "System.IO")
                || InNamespace(ns, "System.Net")
                || InNamespace(ns, "System.Data")
                || InNamespace(ns, "Microsoft.Extensions");
            return forbidden ? type.FullName ?? type.Name : null;
        }

        private static bool InNamespace(string ns, string root)
            => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

        private static IEnumerable<(string Where, MemberInfo Referenced)> References(Type type)
        {
            foreach (var t in Signature(type.BaseType).Concat(type.GetInterfaces().SelectMany(Signature)))
            {
                yield return ("(base types)", t);
            }

            foreach (var t in type.CustomAttributes.SelectMany(a => Signature(a.AttributeType)))
            {
                yield return ("(attributes)", t);
            }

            foreach (var field in type.GetFields(Declared))
            {
                foreach (var t in Signature(field.FieldType))
                {
                    yield return (field.Name, t);
                }
            }

            foreach (var property in type.GetProperties(Declared))
            {
                foreach (var t in Signature(property.PropertyType))
                {
                    yield return (property.Name, t);
                }
            }

            foreach (var @event in type.GetEvents(Declared))
            {
                foreach (var t in Signature(@event.EventHandlerType))
                {
                    yield return (@event.Name, t);
                }
            }

            var methods = type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));
            foreach (var method in methods)
            {
                foreach (var referenced in MethodReferences(type, method))
                {
                    yield return (method.Name, referenced);
                }
            }
        }

        private static IEnumerable<MemberInfo> MethodReferences(Type type, MethodBase method)
        {
            var signature = method.GetParameters().Select(p => p.ParameterType);
            if (method is MethodInfo info)
            {
                signature = signature.Append(info.ReturnType);
            }

            foreach (var t in signature.SelectMany(Signature))
            {
                yield return t;
            }

            var body = method.GetMethodBody();
            if (body is null)
            {
                yield break;
            }

            foreach (var t in body.LocalVariables.SelectMany(l => Signature(l.LocalType)))
            {
                yield return t;
            }

            var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            foreach (var token in MemberTokens(body.GetILAsByteArray() ?? []))
            {
                var member = method.Module.ResolveMember(token, typeArguments, methodArguments)!;
                yield return member;
                foreach (var t in MemberSignature(member))
                {
                    yield return t;
                }
            }
        }

        private static IEnumerable<Type> MemberSignature(MemberInfo member) => member switch
        {
            Type t => Signature(t),
            FieldInfo f => Signature(f.DeclaringType).Concat(Signature(f.FieldType)),
            MethodInfo m => Signature(m.DeclaringType).Concat(Signature(m.ReturnType)).Concat(m.GetParameters().SelectMany(p => Signature(p.ParameterType))).Concat(m.IsGenericMethod ? m.GetGenericArguments().SelectMany(Signature) : []),
            MethodBase c => Signature(c.DeclaringType).Concat(c.GetParameters().SelectMany(p => Signature(p.ParameterType))),
            _ => Signature(member.DeclaringType),
        };

        /// <summary>A type and every type it is made of (element types, generic arguments).</summary>
        private static IEnumerable<Type> Signature(Type? type)
        {
            if (type is null)
            {
                yield break;
            }

            if (type.HasElementType)
            {
                foreach (var t in Signature(type.GetElementType()))
                {
                    yield return t;
                }

                yield break;
            }

            yield return type;
            if (type.IsGenericType && !type.IsGenericTypeDefinition)
            {
                foreach (var t in type.GetGenericArguments().SelectMany(Signature))
                {
                    yield return t;
                }
            }
        }

        /// <summary>Walks the IL and yields the metadata token of every instruction that refers to a type, method or field.</summary>
        private static IEnumerable<int> MemberTokens(byte[] il)
        {
            var position = 0;
            while (position < il.Length)
            {
                var opCode = il[position] == 0xFE ? OpCodeTable.TwoByte[il[position + 1]] : OpCodeTable.OneByte[il[position]];
                position += opCode.Size;
                switch (opCode.OperandType)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineType:
                    case OperandType.InlineTok:
                        yield return BitConverter.ToInt32(il, position);
                        position += 4;
                        break;
                    case OperandType.InlineSwitch:
                        position += 4 + (4 * BitConverter.ToInt32(il, position));
                        break;
                    default:
                        position += OperandSize(opCode.OperandType);
                        break;
                }
            }
        }

        private static int OperandSize(OperandType operand) => operand switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            _ => 4,
        };

        private static (OpCode[] OneByte, OpCode[] TwoByte) BuildOpCodeTable()
        {
            var oneByte = new OpCode[0x100];
            var twoByte = new OpCode[0x100];
            foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var opCode = (OpCode)field.GetValue(null)!;
                var value = (ushort)opCode.Value;
                if (opCode.Size == 1)
                {
                    oneByte[value] = opCode;
                }
                else
                {
                    twoByte[value & 0xFF] = opCode;
                }
            }

            return (oneByte, twoByte);
        }
    }
}
