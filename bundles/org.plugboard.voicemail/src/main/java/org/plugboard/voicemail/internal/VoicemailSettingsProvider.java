package org.plugboard.voicemail.internal;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.settings.SettingsException;
import org.plugboard.api.settings.VoicemailBox;
import org.plugboard.api.settings.VoicemailSettings;

/**
 * {@link VoicemailSettings} for REST and the web page: a box's state from memory, and its PIN set through the
 * voicemail thread (checked by the console's rules first; the caller, an HTTP thread, waits for the commit).
 */
@Component(service = VoicemailSettings.class)
public class VoicemailSettingsProvider implements VoicemailSettings {
    /** What this needs of the mailboxes (the registry in the framework, plain mailboxes in tests). */
    interface Boxes {
        MailboxRegistry.BoxInfo info(String extension);

        String pinProblem(String pin);

        CompletionStage<Void> setPin(String extension, String pin);
    }

    private final Boxes boxes;
    private final Predicate<String> isExtension;

    @Activate
    public VoicemailSettingsProvider(@Reference MailboxRegistry registry, @Reference(name = "directory") Directory directory) {
        this(new Boxes() {
            @Override
            public MailboxRegistry.BoxInfo info(String extension) {
                return registry.info(extension);
            }

            @Override
            public String pinProblem(String pin) {
                return registry.pinProblem(pin);
            }

            @Override
            public CompletionStage<Void> setPin(String extension, String pin) {
                return registry.setPin(extension, pin);
            }
        }, n -> directory.find(n).isPresent());
    }

    VoicemailSettingsProvider(Boxes boxes, Predicate<String> isExtension) {
        this.boxes = boxes;
        this.isExtension = isExtension;
    }

    @Override
    public VoicemailBox get(String extension) {
        exists(extension);
        return view(boxes.info(extension));
    }

    @Override
    public VoicemailBox setPin(String extension, String pin) {
        exists(extension);
        String problem = boxes.pinProblem(pin);
        if (problem != null) {
            throw new SettingsException("pin", "PIN refused: " + problem, "give only digits, e.g. 4711");
        }
        try {
            boxes.setPin(extension, pin).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the PIN of " + extension, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the PIN of " + extension + " was not stored: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
        return view(boxes.info(extension));
    }

    static VoicemailBox view(MailboxRegistry.BoxInfo b) {
        return new VoicemailBox(b.pin(), b.fresh(), b.saved(), b.seconds(), b.unavailableGreeting(), b.busyGreeting());
    }

    private void exists(String extension) {
        if (extension == null || !extension.matches("[0-9]{1,32}") || !isExtension.test(extension)) {
            throw new SettingsException("extension", extension + " is not an extension", "list them with GET /api/extensions");
        }
    }
}
