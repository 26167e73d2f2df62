package org.fluorovault.dicom.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The items of a sequence (SQ) element. */
public final class Sequence implements Iterable<Attributes> {
    private final List<Attributes> items = new ArrayList<>();

    public Attributes addNewItem() {
        Attributes a = new Attributes();
        items.add(a);
        return a;
    }

    public void add(Attributes item) {
        items.add(item);
    }

    public Attributes get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<Attributes> items() {
        return items;
    }

    @Override
    public Iterator<Attributes> iterator() {
        return items.iterator();
    }
}
