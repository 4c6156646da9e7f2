using System.Reflection;
using System.Runtime.ExceptionServices;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

public sealed class DispatchStoreFailureTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Store_failing_to_record_an_outcome_surfaces_from_DispatchDueAsync(bool throwsSynchronously)
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        await library.NotifyAsync("B1", NotificationType.WelcomeBorrower);
        var store = UpdateFailingStore.Create(library.Messages, throwsSynchronously);
        var dispatcher = ActivatorUtilities.CreateInstance<MessageDispatcher>(library.Services, store);

        var act = () => dispatcher.DispatchDueAsync();

        await act.Should().ThrowAsync<IOException>().WithMessage("The disk is full.");
    }

    /// <summary>A store whose <see cref="IMessageStore.TryUpdateAsync"/> fails; every other call goes to the inner store.</summary>
    internal class UpdateFailingStore : DispatchProxy
    {
        private IMessageStore _inner = null!;
        private bool _throwsSynchronously;

        public static IMessageStore Create(IMessageStore inner, bool throwsSynchronously)
        {
            var proxy = (UpdateFailingStore)(object)Create<IMessageStore, UpdateFailingStore>();
            proxy._inner = inner;
            proxy._throwsSynchronously = throwsSynchronously;
            return (IMessageStore)proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IMessageStore.TryUpdateAsync))
            {
                var failure = new IOException("The disk is full.");
                return _throwsSynchronously ? throw failure : Task.FromException<Message?>(failure);
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }
        }
    }
}
