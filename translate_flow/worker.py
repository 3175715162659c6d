"""The RQ worker that runs the background jobs."""

from rq import Worker

# How long the worker's command listener (RQ's pubsub thread) waits on Redis between
# checks that it should stop. RQ waits 60 s; a worker that is stopping closes the listener
# and so waited out that read: a burst worker took up to a minute to exit after its last
# job, and a deploy's restart as long.
LISTENER_WAKE_SECONDS = 1


class PromptWorker(Worker):
    """RQ's worker, whose command listener wakes every second, so that it stops at once."""

    def subscribe(self) -> None:
        self.log.info("Worker %s: subscribing to channel %s", self.name, self.pubsub_channel_name)
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        # RQ declares the attribute as None only.
        self.pubsub_thread = self.pubsub.run_in_thread(  # type: ignore[assignment]
            sleep_time=LISTENER_WAKE_SECONDS,
            daemon=True,
            exception_handler=self._pubsub_exception_handler,
        )
