package io.partnerflow.mail;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;

/**
 * GreenMail's delivery of an SMTP mail to one recipient, with the mail written to the
 * {@link MailStore} before it enters the recipient's INBOX. GreenMail's own handler still decides
 * who the recipient is (creating a mailbox for a new address); only the delivery itself is ours, so
 * the INBOX gets the store's received date. A mail the store cannot write is not delivered: GreenMail
 * answers the SMTP client "451" and the client (our mail jobs) tries again.
 */
final class StoringDelivery implements MessageDeliveryHandler {

  private final MessageDeliveryHandler recipients;
  private final MailStore store;
  private final ImapHostManager folders;

  /** @param recipients GreenMail's own handler, which finds or creates the recipient's user */
  StoringDelivery(MessageDeliveryHandler recipients, MailStore store, ImapHostManager folders) {
    this.recipients = recipients;
    this.store = store;
    this.folders = folders;
  }

  @Override
  public GreenMailUser handle(MovingMessage message, MailAddress recipient) throws MessagingException, UserException {
    return new StoringUser(recipients.handle(message, recipient));
  }

  /** Puts a stored (or restored) mail into the user's INBOX with its received date, unread. */
  static void append(ImapHostManager folders, GreenMailUser user, MimeMessage message, Instant received) {
    try {
      folders.getInbox(user).appendMessage(message, new Flags(), Date.from(received));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot deliver to the INBOX of " + user.getEmail(), e);
    }
  }

  /** The recipient, as GreenMail knows it, with its deliveries stored first. */
  private final class StoringUser implements GreenMailUser {

    private final GreenMailUser user;

    StoringUser(GreenMailUser user) {
      this.user = user;
    }

    @Override
    public void deliver(MovingMessage message) {
      deliver(message.getMessage());
    }

    @Override
    public void deliver(MimeMessage message) {
      Instant received;
      try {
        received = store.save(user.getEmail(), message);
      } catch (Exception e) {
        throw new IllegalStateException("Cannot store the mail for " + user.getEmail() + " in " + store.folder(), e);
      }
      append(folders, user, message, received);
    }

    @Override
    public String getEmail() {
      return user.getEmail();
    }

    @Override
    public String getLogin() {
      return user.getLogin();
    }

    @Override
    public void create() {
      user.create();
    }

    @Override
    public void delete() {
      user.delete();
    }

    @Override
    public String getPassword() {
      return user.getPassword();
    }

    @Override
    public void setPassword(String password) {
      user.setPassword(password);
    }

    @Override
    public void authenticate(String password) throws UserException {
      user.authenticate(password);
    }

    @Override
    public String getQualifiedMailboxName() {
      return user.getQualifiedMailboxName();
    }
  }
}
