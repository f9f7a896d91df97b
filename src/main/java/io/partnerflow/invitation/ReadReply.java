package io.partnerflow.invitation;

import java.util.Optional;

/** A reply after matching and reading: its invitation and its answer, where they could be found. */
public record ReadReply(InboundReply mail, Optional<Invitation> invitation, Optional<AnswerType> answer) {}
