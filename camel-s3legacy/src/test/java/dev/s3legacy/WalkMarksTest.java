package dev.s3legacy;

import java.util.Set;

import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default repository is pruned after a whole walk by marks in its own map, with no set of the bucket's ids:
 * what the walk met stays, what it did not meet goes, except what was remembered during the walk or is in flight.
 */
class WalkMarksTest {

    @Test
    void forgetsWhatTheWalkDidNotMeetAndKeepsWhatWasRememberedMeanwhileOrIsHeld() {
        MemoryIdempotentRepository repository = (MemoryIdempotentRepository) MemoryIdempotentRepository.memoryIdempotentRepository(100);
        for (String id : Set.of("e1 met", "e2 gone", "e3 held")) {
            repository.add(id);
        }
        WalkMarks first = new WalkMarks(repository);
        first.met("e1 met");
        first.met("e9 never remembered"); // not in the repository: stays out
        repository.add("e4 remembered during the walk");
        assertThat(first.forgetUnmet(id -> id.equals("e3 held"))).isEqualTo(0); // first walk: every entry still holds its id
        assertThat(repository.getCache().keySet()).containsExactlyInAnyOrder("e1 met", "e2 gone", "e3 held", "e4 remembered during the walk");

        WalkMarks second = new WalkMarks(repository);
        second.met("e1 met");
        second.met("e4 remembered during the walk");
        repository.add("e5 remembered during the second walk");
        assertThat(second.forgetUnmet(id -> id.equals("e3 held"))).as("forgotten").isEqualTo(1);
        assertThat(repository.getCache().keySet()).containsExactlyInAnyOrder("e1 met", "e3 held", "e4 remembered during the walk",
                "e5 remembered during the second walk");
        assertThat(repository.contains("e2 gone")).isFalse();
        assertThat(repository.contains("e1 met")).as("a marked entry still counts as delivered").isTrue();

        WalkMarks third = new WalkMarks(repository);
        third.met("e5 remembered during the second walk");
        assertThat(third.forgetUnmet(id -> false)).isEqualTo(3);
        assertThat(repository.getCache().keySet()).containsExactly("e5 remembered during the second walk");
    }
}
