package org.plugboard.serviceplans.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.plugboard.api.service.DetectionPoint;

/** The console's checks, warnings and reports over the real component on H2, with two extensions and three services. */
class PlanConsoleTest {
    private final List<String> callsServices = new ArrayList<>();
    private final List<String> plansFirst = new ArrayList<>();
    private final InstalledServices installed = new InstalledServices();
    private final PlanConsole console;

    PlanConsoleTest() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        installed.add(InstalledServices.of("screening", "ORIGINATING", 10, 1L));
        installed.add(InstalledServices.of("forwarding", new String[] {"ROUTED", "BUSY", "no_answer"}, 5, 2L));
        installed.add(InstalledServices.of("dnd", "ROUTED", 20, 3L));
        Map<String, String> extensions = Map.of("1002", "Bob", "1003", "Carol");
        console = new PlanConsole(new StoredServicePlans(db), installed, new PlanConsole.Site() {
            @Override
            public Optional<String> extensionName(String number) {
                return Optional.ofNullable(extensions.get(number));
            }

            @Override
            public List<String> extensionNumbers() {
                return List.copyOf(extensions.keySet());
            }

            @Override
            public List<String> callsServices() {
                return callsServices;
            }

            @Override
            public List<String> plansAskedFirst() {
                return plansFirst;
            }
        });
    }

    @Test
    void anUnknownServiceIsKeptButWarnedAbout() {
        List<String> out = console.set("1002", List.of("voicemail", "forwarding"), null);
        assertEquals("Plan of number 1002 at ALL: voicemail, forwarding", out.get(0));
        assertTrue(out.get(1).startsWith("Warning: no call service named 'voicemail' is installed now; the plan keeps it"), out.get(1));
        assertTrue(out.get(1).endsWith("(installed: dnd, screening, forwarding)."), out.get(1));
        assertEquals(2, out.size());
    }

    @Test
    void aServiceNotAskedAtTheGivenPointIsWarnedAbout() {
        List<String> out = console.set("sales", List.of("dnd,forwarding"), List.of("BUSY"));
        assertEquals("Plan of class sales at BUSY: dnd, forwarding", out.get(0));
        assertEquals("Warning: 'dnd' is not asked at BUSY (its points: ROUTED); it is skipped there.", out.get(1));
    }

    @Test
    void aNumberThatIsNoExtensionGetsItsPlanWithANote() {
        List<String> out = console.set("600", List.of("forwarding"), List.of("routed", "busy"));
        assertEquals(List.of("Plan of number 600 at ROUTED: forwarding", "Plan of number 600 at BUSY: forwarding",
                "Note: 600 is no extension in the directory: the plan applies when a call serves that number (a ring group, an outside number)."),
                out);
    }

    @Test
    void classAssignRefusesAnUnknownExtension() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> console.assign("1099", "sales"));
        assertTrue(e.getMessage().startsWith("'1099' is no extension (pbx:ext-list shows them)"), e.getMessage());
        assertTrue(console.list(null).classes().isEmpty());
    }

    @Test
    void classAssignMovesAndSaysWhatIsMissing() {
        assertEquals(List.of("Extension 1002 is in class sales.", "Note: class sales has no plan yet: pbx:plan-set sales <services...>"),
                console.assign("1002", "sales"));
        console.set("reception", List.of("dnd"), null);
        assertEquals(List.of("Extension 1002 is in class reception (was sales)."), console.assign("1002", "Reception"));
        assertEquals(List.of("Extension 1002 left class reception."), console.unassign("1002"));
        assertEquals(List.of("Extension 1002 is in no service class: nothing changed."), console.unassign("1002"));
    }

    @Test
    void showSaysWhatRunsAtEachPointAndWhereItComesFrom() {
        console.set("*", List.of("screening", "forwarding"), null);
        console.set("sales", List.of("forwarding"), List.of("BUSY"));
        console.set("1002", List.of("dnd", "voicemail", "forwarding"), List.of("ROUTED"));
        console.assign("1002", "sales");
        PlanConsole.Shown s = console.show("1002");
        assertEquals("Extension 1002 (Bob), service class sales", s.header());
        assertEquals(new PlanConsole.ShowRow("ORIGINATING", "screening", "site default * (all points)", "forwarding (not asked at ORIGINATING)"),
                row(s, DetectionPoint.ORIGINATING));
        assertEquals(new PlanConsole.ShowRow("ROUTED", "dnd, forwarding", "plan of 1002 (ROUTED)", "voicemail (not installed)"),
                row(s, DetectionPoint.ROUTED));
        assertEquals(new PlanConsole.ShowRow("BUSY", "forwarding", "plan of class sales (BUSY)", ""), row(s, DetectionPoint.BUSY));
        assertEquals(DetectionPoint.values().length, s.rows().size());
        assertTrue(s.notes().isEmpty());
    }

    @Test
    void withoutPlansShowFollowsTheCallsBundlesFallbacks() {
        PlanConsole.Shown byRanking = console.show("1003");
        assertEquals(new PlanConsole.ShowRow("ROUTED", "dnd, forwarding", "no plan: every service for the point, by ranking", ""),
                row(byRanking, DetectionPoint.ROUTED));
        assertEquals(new PlanConsole.ShowRow("ANSWERED", "-", "no plan: every service for the point, by ranking", ""),
                row(byRanking, DetectionPoint.ANSWERED));
        callsServices.addAll(List.of("forwarding", "dnd"));
        plansFirst.add("com.example.plans ranking 10");
        PlanConsole.Shown configured = console.show("1003");
        assertEquals(new PlanConsole.ShowRow("ROUTED", "forwarding, dnd", "no plan: 'services' of org.plugboard.calls", ""),
                row(configured, DetectionPoint.ROUTED));
        assertTrue(configured.notes().get(0).contains("com.example.plans ranking 10"));
        console.set("*", List.of("none"), null);
        assertEquals(new PlanConsole.ShowRow("ROUTED", "-", "site default * (all points)", ""), row(console.show("1003"), DetectionPoint.ROUTED));
    }

    @Test
    void showOfANumberThatIsNoExtension() {
        assertEquals("Number 600: no extension in the directory (its own plan, else the site default)", console.show("600").header());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> console.show("sales")).getMessage()
                .startsWith("'sales' is no extension or number"));
    }

    @Test
    void listShowsEveryListWithNotesAndTheClasses() {
        console.set("*", List.of("screening"), null);
        console.set("1002", List.of("dnd"), null);
        console.set("1002", List.of("voicemail"), List.of("BUSY"));
        console.assign("1002", "sales");
        PlanConsole.Listing l = console.list(null);
        assertEquals(List.of(
                new PlanConsole.PlanRow("*", "ALL", "screening", "site default"),
                new PlanConsole.PlanRow("1002", "ALL", "dnd", "extension, class sales"),
                new PlanConsole.PlanRow("1002", "BUSY", "voicemail", "extension, class sales; not installed: voicemail")), l.plans());
        assertEquals(List.of(new PlanConsole.ClassRow("sales", "1002", "none (members follow the site default)")), l.classes());
        assertEquals(2, console.list("1002").plans().size());
        assertEquals(List.of("No plan for class reception."), console.list("reception").notes());
        assertEquals(List.of("Cleared the BUSY list of number 1002."), console.clear("1002", List.of("BUSY")));
        assertEquals(List.of("Cleared the plan of number 1002 (1 list)."), console.clear("1002", null));
        assertEquals(List.of("No plan for number 1002: nothing cleared."), console.clear("1002", null));
    }

    @Test
    void settingAllPointsNamesThePointsThatKeepTheirOwnLists() {
        console.set("1002", List.of("forwarding"), List.of("BUSY"));
        List<String> out = console.set("1002", List.of("dnd"), null);
        assertEquals("Note: at BUSY, 1002 keeps its own list (pbx:plan-clear 1002 --point <point> removes one).", out.get(1));
    }

    @Test
    void completionOffersScopesServicesClassesAndPoints() {
        console.set("sales", List.of("dnd"), null);
        console.set("600", List.of("dnd"), null);
        assertEquals(List.of("*", "sales", "600", "1002", "1003"), List.copyOf(console.scopes()));
        assertEquals(List.of("dnd", "screening", "forwarding", "none"), List.copyOf(console.serviceNames()));
        assertEquals(List.of("sales"), List.copyOf(console.classes()));
        assertEquals("ALL", PlanConsole.pointNames().get(0));
    }

    private static PlanConsole.ShowRow row(PlanConsole.Shown s, DetectionPoint p) {
        return s.rows().stream().filter(r -> r.point().equals(p.name())).findFirst().orElseThrow();
    }
}
