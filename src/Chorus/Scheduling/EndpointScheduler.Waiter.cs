namespace Chorus.Scheduling;

public sealed partial class EndpointScheduler
{
    /// <summary>A call waiting to be admitted.</summary>
    private sealed class Waiter(SchedulerRequest request, long enqueuedAt, long[] epochs)
    {
        public SchedulerRequest Request { get; } = request;

        public long EnqueuedAt { get; } = enqueuedAt;

        public TaskCompletionSource<SchedulerLease> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FairQueue<Waiter>.Entry? Entry { get; set; }

        public EndpointScheduler? Owner { get; private set; }

        public Waiter WithOwner(EndpointScheduler owner)
        {
            Owner = owner;
            return this;
        }

        /// <summary>What blocked the head of the queue while this call waited.</summary>
        public SchedulerBlock BlockedSince(long[] now)
        {
            SchedulerBlock seen = SchedulerBlock.None;
            for (int i = 0; i < now.Length; i++)
            {
                if (now[i] != epochs[i])
                {
                    seen |= (SchedulerBlock)(1 << i);
                }
            }

            return seen;
        }
    }
}
